package io.sendense.plugins.repocifs;

import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.nio.ByteBuffer;

/**
 * An open file on an SMB share. Every read and write names its offset, so the handle can be shared
 * by threads; {@link #sync()} is an SMB2 FLUSH, which the server turns into an fsync. A handle does
 * not survive a dropped connection: its calls fail with {@code CONNECTION_LOST} and the caller
 * opens the file again.
 */
final class CifsStorageFile implements StorageFile {

  /** Largest single read; servers negotiate at least this much (Samba allows 8 MiB). */
  private static final int MAX_READ = 1024 * 1024;

  private final StoragePath path;
  private final File file;
  private final boolean writable;
  private final DiskShare share;
  private final CifsConnection connection;

  CifsStorageFile(
      StoragePath path, File file, boolean writable, DiskShare share, CifsConnection connection) {
    this.path = path;
    this.file = file;
    this.writable = writable;
    this.share = share;
    this.connection = connection;
  }

  @Override
  public StoragePath path() {
    return path;
  }

  /** One SMB call on the open file. */
  private interface FileCall<T> {
    T apply();
  }

  private <T> T call(String action, FileCall<T> op) throws StorageException {
    try {
      return op.apply();
    } catch (RuntimeException e) {
      StorageException mapped = CifsErrors.map("Cannot " + action + " '" + path + "'", e);
      if (!(e instanceof SMBApiException) || mapped.kind() == FailureKind.CONNECTION_LOST) {
        connection.reset(share);
      }
      throw mapped;
    }
  }

  @Override
  public int read(ByteBuffer dst, long position) throws StorageException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    byte[] buffer = new byte[Math.min(dst.remaining(), MAX_READ)];
    int read = call("read", () -> file.read(buffer, position, 0, buffer.length));
    if (read > 0) {
      dst.put(buffer, 0, read);
    }
    return read == 0 ? -1 : read;
  }

  @Override
  public void write(ByteBuffer src, long position) throws StorageException {
    if (!writable) {
      throw new StorageException(
          FailureKind.NOT_WRITABLE, "Cannot write '" + path + "': it was opened read-only");
    }
    byte[] buffer = new byte[src.remaining()];
    src.get(buffer);
    long written = call("write", () -> file.write(buffer, position, 0, buffer.length));
    if (written != buffer.length) {
      throw new StorageException(
          FailureKind.PROTOCOL_ERROR,
          "Cannot write '"
              + path
              + "': server took "
              + written
              + " of "
              + buffer.length
              + " bytes");
    }
  }

  @Override
  public long size() throws StorageException {
    return call(
        "get the size of",
        () -> file.getFileInformation(FileStandardInformation.class).getEndOfFile());
  }

  @Override
  public void truncate(long size) throws StorageException {
    call(
        "resize",
        () -> {
          file.setLength(size);
          return null;
        });
  }

  @Override
  public void sync() throws StorageException {
    call(
        "sync",
        () -> {
          file.flush();
          return null;
        });
  }

  @Override
  public void close() throws StorageException {
    call(
        "close",
        () -> {
          file.close();
          return null;
        });
  }
}
