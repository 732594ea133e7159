package io.sendense.image.guest.ntfs;

/**
 * One run of a non-resident attribute: {@code length} clusters from {@code vcn}; lcn -1 = sparse.
 */
record Run(long vcn, long lcn, long length) {
  static final long SPARSE = -1;

  boolean sparse() {
    return lcn == SPARSE;
  }
}
