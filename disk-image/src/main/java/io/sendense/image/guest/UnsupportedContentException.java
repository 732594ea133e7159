package io.sendense.image.guest;

/**
 * A file that is listed but whose content this reader does not decode (for example an NTFS file
 * that is compressed or encrypted). The message names the file and the reason.
 */
public class UnsupportedContentException extends GuestFsException {
  public UnsupportedContentException(String message) {
    super(message);
  }
}
