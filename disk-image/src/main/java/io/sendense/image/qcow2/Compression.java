package io.sendense.image.qcow2;

/**
 * Cluster compression. {@link #NONE} writes plain clusters; the others store every cluster that
 * shrinks as a compressed cluster. The header's compression type field is 0 for deflate (and for
 * images without compression) and 1 for zstd.
 */
public enum Compression {
  NONE(0),
  DEFLATE(0),
  ZSTD(1);

  private final int headerType;

  Compression(int headerType) {
    this.headerType = headerType;
  }

  /** Value of the header's compression type field. */
  public int headerType() {
    return headerType;
  }

  /** Algorithm used to read compressed clusters of an image with this header field value. */
  static Compression ofHeaderType(int type) {
    return type == 1 ? ZSTD : DEFLATE;
  }
}
