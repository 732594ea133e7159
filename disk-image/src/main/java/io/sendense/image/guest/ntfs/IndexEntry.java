package io.sendense.image.guest.ntfs;

/** One entry of a directory index: the file it names and its $FILE_NAME key. */
record IndexEntry(long record, FileName fileName) {}
