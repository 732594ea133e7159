/**
 * The {@code restore-vm} batch job: creates a VM again in a source from a restore point's recorded
 * configuration and writes its disks from the point's chain. Its state lives in the catalog (the
 * new VM, which disks are written), so every step can run again: a restart or a new execution of
 * the same restore goes on where the last one stopped.
 */
package io.sendense.batch.restore;
