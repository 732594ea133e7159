package io.sendense.plugins.repolocal;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;

/**
 * A repository file on the local file system: a {@link FileChannel}, whose positional reads and
 * writes are safe to use from several threads and whose {@code force} is a real fsync.
 */
final class LocalStorageFile implements StorageFile {

  private final StoragePath path;
  private final FileChannel channel;

  LocalStorageFile(StoragePath path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  @Override
  public StoragePath path() {
    return path;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws StorageException {
    try {
      return channel.read(dst, position);
    } catch (IOException e) {
      throw LocalErrors.map("read", path, e);
    }
  }

  @Override
  public void write(ByteBuffer src, long position) throws StorageException {
    try {
      long at = position;
      while (src.hasRemaining()) {
        at += channel.write(src, at);
      }
    } catch (NonWritableChannelException e) {
      throw new StorageException(
          FailureKind.NOT_WRITABLE, "Cannot write '" + path + "': it was opened read-only");
    } catch (IOException e) {
      throw LocalErrors.map("write", path, e);
    }
  }

  @Override
  public long size() throws StorageException {
    try {
      return channel.size();
    } catch (IOException e) {
      throw LocalErrors.map("get the size of", path, e);
    }
  }

  @Override
  public void truncate(long size) throws StorageException {
    try {
      long current = channel.size();
      if (size < current) {
        channel.truncate(size);
      } else if (size > current) {
        // FileChannel cannot extend; one zero byte at the new end leaves a hole before it.
        channel.write(ByteBuffer.allocate(1), size - 1);
      }
    } catch (IOException e) {
      throw LocalErrors.map("resize", path, e);
    }
  }

  @Override
  public void sync() throws StorageException {
    try {
      channel.force(true);
    } catch (IOException e) {
      throw LocalErrors.map("sync", path, e);
    }
  }

  @Override
  public void close() throws StorageException {
    try {
      channel.close();
    } catch (IOException e) {
      throw LocalErrors.map("close", path, e);
    }
  }
}
