package io.sendense.plugins.quotafolder;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;

/** A file channel whose growth is charged to the repository's {@link Quota} before it happens. */
final class QuotaFile implements StorageFile {

  private final StoragePath path;
  private final FileChannel channel;
  private final Quota quota;
  private long end;

  QuotaFile(StoragePath path, FileChannel channel, Quota quota) throws IOException {
    this.path = path;
    this.channel = channel;
    this.quota = quota;
    this.end = channel.size();
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
      throw failed("read", e);
    }
  }

  @Override
  public void write(ByteBuffer src, long position) throws StorageException {
    growTo(position + src.remaining());
    try {
      long at = position;
      while (src.hasRemaining()) {
        at += channel.write(src, at);
      }
    } catch (NonWritableChannelException e) {
      throw new StorageException(FailureKind.NOT_WRITABLE, "'" + path + "' is open read-only");
    } catch (IOException e) {
      throw failed("write", e);
    }
  }

  private synchronized void growTo(long newEnd) throws StorageException {
    if (newEnd > end) {
      quota.reserve(newEnd - end, path);
      end = newEnd;
    }
  }

  @Override
  public long size() throws StorageException {
    try {
      return channel.size();
    } catch (IOException e) {
      throw failed("get the size of", e);
    }
  }

  @Override
  public synchronized void truncate(long size) throws StorageException {
    if (size > end) {
      growTo(size);
    }
    try {
      if (size < end) {
        channel.truncate(size);
        quota.release(end - size);
        end = size;
      } else if (size > channel.size()) {
        channel.write(ByteBuffer.allocate(1), size - 1);
      }
    } catch (IOException e) {
      throw failed("resize", e);
    }
  }

  @Override
  public void sync() throws StorageException {
    try {
      channel.force(true);
    } catch (IOException e) {
      throw failed("sync", e);
    }
  }

  @Override
  public void close() throws StorageException {
    try {
      channel.close();
    } catch (IOException e) {
      throw failed("close", e);
    }
  }

  private StorageException failed(String action, IOException e) {
    return new StorageException(FailureKind.OTHER, "Cannot " + action + " '" + path + "': " + e, e);
  }
}
