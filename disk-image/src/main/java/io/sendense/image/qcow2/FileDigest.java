package io.sendense.image.qcow2;

import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hashes a whole channel with the next buffer read ahead on a thread of its own: a hash pass over
 * an image costs about the longer of its read and its hash instead of their sum (both are about 1.3
 * GB/s here, SHA-256 with the CPU's SHA instructions per core, a read from disk).
 */
final class FileDigest {
  private FileDigest() {}

  /** SHA-256 of every byte of {@code ch}, read in pieces of {@code buffer} bytes. */
  static byte[] sha256(ImageChannel ch, int buffer) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    ByteBuffer[] buffers = {ByteBuffer.allocateDirect(buffer), ByteBuffer.allocateDirect(buffer)};
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sendense-digest-read");
              t.setDaemon(true);
              return t;
            });
    try {
      long position = 0;
      Future<Integer> next = reader.submit(() -> fill(ch, buffers[0], 0));
      for (int i = 0; ; i ^= 1) {
        int n = await(next);
        if (n == 0) {
          break;
        }
        position += n;
        long at = position;
        ByteBuffer following = buffers[i ^ 1];
        // The buffer being hashed is not the one the reader fills: they alternate.
        next = reader.submit(() -> fill(ch, following, at));
        digest.update(buffers[i].flip());
      }
      return digest.digest();
    } finally {
      reader.shutdownNow();
    }
  }

  /** Reads until {@code dst} is full or the file ends; returns the bytes read (0 at the end). */
  private static int fill(ImageChannel ch, ByteBuffer dst, long position) throws IOException {
    dst.clear();
    while (dst.hasRemaining()) {
      int n = ch.read(dst, position + dst.position());
      if (n < 0) {
        break;
      }
    }
    return dst.position();
  }

  private static int await(Future<Integer> read) throws IOException {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("reading for the hash failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    }
  }
}
