/**
 * QCOW2 chain writer and reader, block maps, partition tables and read-only file system readers.
 * The backup format lives here so that backup jobs, restore and the node all read and write it the
 * same way.
 */
package io.sendense.image;
