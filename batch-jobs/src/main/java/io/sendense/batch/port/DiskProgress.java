package io.sendense.batch.port;

/**
 * Progress of one disk.
 *
 * @param diskKey the disk
 * @param bytesDone bytes transferred so far in this execution
 * @param bytesTotal bytes this execution has to transfer for the disk (0 until it is known)
 */
public record DiskProgress(int diskKey, long bytesDone, long bytesTotal) {}
