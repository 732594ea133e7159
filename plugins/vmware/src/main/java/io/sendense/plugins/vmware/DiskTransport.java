package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.SourceException;

/**
 * How the bytes of a snapshot's disk are fetched. The datastore HTTP file service is the one
 * implemented ({@link HttpFileTransport}); a VDDK/NBD transport can be added behind the same
 * interface without touching snapshot or CBT code.
 */
interface DiskTransport extends AutoCloseable {

  /** Opens positional reads of a disk's frozen data. */
  DiskReader open(DiskLocation location) throws SourceException;

  @Override
  void close();

  /**
   * Where a frozen disk's data lives.
   *
   * @param datacenterPath inventory path of the VM's datacenter ("DC0" or "folder/DC0")
   * @param file the disk's data file on the datastore
   * @param capacity the disk's size in bytes
   */
  record DiskLocation(String datacenterPath, DatastorePath file, long capacity) {}
}
