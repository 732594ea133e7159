/**
 * Where images live: an {@link io.sendense.image.store.ImageStore} (a repository folder, share or
 * export) hands out {@link io.sendense.image.store.ImageChannel}s with positional reads and writes.
 * The QCOW2 writer and reader work only through these two interfaces, so every kind of storage gets
 * the same format and the same crash safety. {@link io.sendense.image.store.LocalImageStore} is the
 * local-folder implementation; the hub adapts repository plugins to the same interfaces.
 */
package io.sendense.image.store;
