package io.sendense.image.qcow2;

import io.sendense.image.luks.Passphrase;
import java.nio.file.Path;

/**
 * What a {@link Qcow2Writer} creates: virtual size, cluster size, optional backing file (the
 * previous restore point; the new image is then an incremental), and cluster compression.
 *
 * @param virtualSize disk size in bytes, a positive multiple of 512
 * @param clusterSize a power of two from 4 KiB to 2 MiB; 64 KiB by default
 * @param backingFile the parent image, or null for a full: for a writer on a local file, its path;
 *     for a writer on an {@link io.sendense.image.store.ImageStore}, its name in the same store
 *     (such as {@code vm-1/full.qcow2}). Either way it must be in the new image's folder or below,
 *     and the header records it relative to the new image
 * @param compression {@link Compression#NONE} (default) or {@link Compression#ZSTD}
 * @param passphrase null for a plain image; else the image is encrypted with QCOW2's LUKS ({@code
 *     encrypt.format=luks}, AES-256-XTS-plain64) under a new random master key, with key slot 0
 *     opened by this passphrase. An incremental's parent chain must then be encrypted too, and
 *     opens with the same passphrase. Encryption and compression exclude each other (as in qemu)
 */
public record Qcow2Options(
    long virtualSize,
    int clusterSize,
    Path backingFile,
    Compression compression,
    Passphrase passphrase) {
  public static final int DEFAULT_CLUSTER_SIZE = 64 << 10;
  public static final int MIN_CLUSTER_SIZE = 4 << 10;
  public static final int MAX_CLUSTER_SIZE = 2 << 20;

  public Qcow2Options {
    if (virtualSize <= 0 || virtualSize % 512 != 0) {
      throw new IllegalArgumentException(
          "virtual size " + virtualSize + " must be a positive multiple of 512 bytes");
    }
    if (Integer.bitCount(clusterSize) != 1
        || clusterSize < MIN_CLUSTER_SIZE
        || clusterSize > MAX_CLUSTER_SIZE) {
      throw new IllegalArgumentException(
          "cluster size " + clusterSize + " must be a power of two from 4096 to 2097152");
    }
    if (compression == null || compression == Compression.DEFLATE) {
      throw new IllegalArgumentException(
          "compression must be NONE or ZSTD (deflate is read-only: Java cannot produce qemu's"
              + " 4 KiB-window deflate streams)");
    }
    if (passphrase != null && compression != Compression.NONE) {
      throw new IllegalArgumentException(
          "an encrypted image cannot be compressed (encrypted data does not shrink, and qemu"
              + " stores compressed clusters unencrypted); choose one");
    }
  }

  /** Options of a plain (unencrypted) image. */
  public Qcow2Options(
      long virtualSize, int clusterSize, Path backingFile, Compression compression) {
    this(virtualSize, clusterSize, backingFile, compression, null);
  }

  /** A full image of the given size with default settings. */
  public static Qcow2Options full(long virtualSize) {
    return new Qcow2Options(virtualSize, DEFAULT_CLUSTER_SIZE, null, Compression.NONE);
  }

  public Qcow2Options withBackingFile(Path parent) {
    return new Qcow2Options(virtualSize, clusterSize, parent, compression, passphrase);
  }

  public Qcow2Options withClusterSize(int size) {
    return new Qcow2Options(virtualSize, size, backingFile, compression, passphrase);
  }

  public Qcow2Options withCompression(Compression c) {
    return new Qcow2Options(virtualSize, clusterSize, backingFile, c, passphrase);
  }

  /** Encrypted with {@code p} (null: plain). */
  public Qcow2Options withPassphrase(Passphrase p) {
    return new Qcow2Options(virtualSize, clusterSize, backingFile, compression, p);
  }

  public boolean encrypted() {
    return passphrase != null;
  }

  int clusterBits() {
    return Integer.numberOfTrailingZeros(clusterSize);
  }
}
