package io.sendense.image.guest.xfs;

/** A name in an XFS directory and the inode it points to. */
record DirEntry(String name, long inode) {}
