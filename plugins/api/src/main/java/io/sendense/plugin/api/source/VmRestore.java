package io.sendense.plugin.api.source;

/**
 * Creating a VM again from a restore point, offered by a source that can ({@link
 * SourceSession#vmRestore()}). The host drives the steps and records their results, so that a
 * restore can be resumed or undone: {@link #check} (creates nothing), {@link #create}, {@link
 * #uploadDisk} for every disk, {@link #powerOn} if asked; {@link #delete} of the new VM when the
 * restore fails or is cancelled.
 */
public interface VmRestore {

  /**
   * Resolves the placement and networks and checks the target has room, creating nothing.
   *
   * @throws SourceException {@link SourceProblem#NOT_FOUND} naming a datacenter, folder, cluster,
   *     host, resource pool, datastore or network that does not exist; {@link
   *     SourceProblem#NO_SPACE} when the datastore lacks the space (both numbers in the message);
   *     {@link SourceProblem#ALREADY_EXISTS} when the folder already holds a VM of that name
   */
  RestoreCheck check(VmRestoreSpec spec) throws SourceException;

  /**
   * Creates the VM, powered off, with the recorded hardware and empty disks; checks again first.
   * The VM carries {@link VmRestoreSpec#restoreTag()}.
   */
  RestoredVm create(VmRestoreSpec spec) throws SourceException;

  /**
   * Writes a disk's whole content into the new disk. Only the transport decides what crosses the
   * wire: the content's holes need not be read. Writing a disk again replaces what an interrupted
   * attempt left.
   *
   * @param diskKey the recorded disk's key
   * @throws SourceException also when {@code progress} asked to stop
   */
  void uploadDisk(RestoredVm vm, int diskKey, DiskContent content, TransferProgress progress)
      throws SourceException;

  /** Powers the VM on. */
  void powerOn(String vmId) throws SourceException;

  /** The VM's power state; {@link SourceProblem#NOT_FOUND} if it does not exist. */
  VmInfo.PowerState powerState(String vmId) throws SourceException;

  /** Renames a VM (the files keep their names). */
  void rename(String vmId, String newName) throws SourceException;

  /**
   * Powers the VM off if needed and deletes it with all its files. A VM that does not exist any
   * more is not an error.
   */
  void delete(String vmId) throws SourceException;

  /**
   * Deletes the VM named {@code name} that carries {@code restoreTag}, if there is one: the VM an
   * interrupted {@link #create} may have made before its id was recorded. VMs without the tag are
   * never touched.
   *
   * @return whether a VM was deleted
   */
  boolean deleteTagged(VmPlacement placement, String name, String restoreTag)
      throws SourceException;
}
