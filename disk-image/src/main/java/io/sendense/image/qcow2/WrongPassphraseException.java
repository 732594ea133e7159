package io.sendense.image.qcow2;

/** The passphrase given does not open an encrypted image: no LUKS key slot accepts it. */
public class WrongPassphraseException extends ImageException {
  public WrongPassphraseException(String location) {
    super(
        location,
        "the passphrase does not unlock this encrypted image (no LUKS key slot accepts it);"
            + " use the passphrase of the repository the image was written to");
  }
}
