/**
 * QCOW2 restore points: {@link io.sendense.image.qcow2.Qcow2Writer} writes a full or incremental
 * image crash-safely, {@link io.sendense.image.qcow2.Qcow2Chain} reads a chain, {@link
 * io.sendense.image.qcow2.Qcow2Checker} checks a file, and {@link
 * io.sendense.image.qcow2.DiskCopier} / {@link io.sendense.image.qcow2.PointExporter} move whole
 * disks in and out. Everything else in the package is internal. The format follows qemu's
 * docs/interop/qcow2.txt; see docs/disk-image.md for the contract.
 */
package io.sendense.image.qcow2;
