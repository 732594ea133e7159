package io.sendense.image.qcow2;

/** An encrypted image's data was to be read or written, and no passphrase was given to open it. */
public class PassphraseRequiredException extends ImageException {
  public PassphraseRequiredException(String location) {
    super(
        location,
        "the image is encrypted (LUKS); give its passphrase"
            + " (sendense-image: --passphrase-file FILE)");
  }
}
