/**
 * Read-only access to what a guest stored on a disk: partition tables (MBR, GPT), LVM2 logical
 * volumes, and file systems (ext2/3/4, NTFS, FAT, XFS), read straight from a {@link
 * io.sendense.image.qcow2.DiskSource} such as a QCOW2 chain. Nothing is mounted, nothing runs as
 * root, nothing is copied to a temporary file.
 *
 * <p>Every byte of the guest is treated as hostile: a reader bounds loops, depths, counts and sizes
 * and turns anything out of range into a {@link io.sendense.image.guest.GuestFsException} that
 * names the path and what was wrong, for that path only.
 *
 * <p>Entry point: {@link io.sendense.image.guest.GuestDisk#open}.
 */
package io.sendense.image.guest;
