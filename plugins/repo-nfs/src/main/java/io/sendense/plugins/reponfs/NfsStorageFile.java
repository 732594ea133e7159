package io.sendense.plugins.reponfs;

import com.emc.ecs.nfsclient.nfs.NfsReadResponse;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsWriteRequest;
import com.emc.ecs.nfsclient.nfs.NfsWriteResponse;
import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open file on an NFSv3 export. Every WRITE is at most {@link #MAX_WRITE} bytes: the client
 * splits larger ones into pieces that interleave with other threads' writes and corrupt data.
 * Writes are UNSTABLE and {@link #sync()} sends COMMIT; if the server's write verifier changed in
 * between (it restarted and may have lost cached data), sync fails instead of claiming safety.
 */
final class NfsStorageFile implements StorageFile {

  /** Largest WRITE or READ sent in one request (below the 1 MiB where the client splits). */
  static final int MAX_WRITE = 1_044_480;

  private static final long NO_VERIFIER = Long.MIN_VALUE;

  private final StoragePath path;
  private final Nfs3File file;
  private final boolean writable;
  private final AtomicLong verifier = new AtomicLong(NO_VERIFIER);
  private volatile boolean verifierChanged;

  NfsStorageFile(StoragePath path, Nfs3File file, boolean writable) {
    this.path = path;
    this.file = file;
    this.writable = writable;
  }

  @Override
  public StoragePath path() {
    return path;
  }

  private StorageException failure(String action, IOException e) {
    return NfsErrors.map("Cannot " + action + " '" + path + "'", e);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws StorageException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    int length = Math.min(dst.remaining(), MAX_WRITE);
    byte[] buffer = new byte[length];
    try {
      NfsReadResponse response = file.read(position, length, buffer, 0);
      int read = response.getBytesRead();
      if (read == 0 && response.isEof()) {
        return -1;
      }
      dst.put(buffer, 0, read);
      return read;
    } catch (IOException e) {
      throw failure("read", e);
    }
  }

  @Override
  public void write(ByteBuffer src, long position) throws StorageException {
    if (!writable) {
      throw new StorageException(
          FailureKind.NOT_WRITABLE, "Cannot write '" + path + "': it was opened read-only");
    }
    long at = position;
    while (src.hasRemaining()) {
      ByteBuffer piece = src.slice().limit(Math.min(src.remaining(), MAX_WRITE));
      int count = writeOnce(piece, at);
      src.position(src.position() + count);
      at += count;
    }
  }

  private int writeOnce(ByteBuffer piece, long position) throws StorageException {
    try {
      NfsWriteResponse response =
          file.write(position, new ArrayList<>(List.of(piece)), NfsWriteRequest.UNSTABLE);
      if (response.getCount() <= 0) {
        throw new StorageException(
            FailureKind.PROTOCOL_ERROR, "Cannot write '" + path + "': server accepted 0 bytes");
      }
      remember(response.getVerf());
      return response.getCount();
    } catch (IOException e) {
      throw failure("write", e);
    }
  }

  private void remember(long writeVerifier) {
    long previous = verifier.compareAndExchange(NO_VERIFIER, writeVerifier);
    if (previous != NO_VERIFIER && previous != writeVerifier) {
      verifierChanged = true;
    }
  }

  @Override
  public long size() throws StorageException {
    try {
      return file.getattr().getAttributes().getSize();
    } catch (IOException e) {
      throw failure("get the size of", e);
    }
  }

  @Override
  public void truncate(long size) throws StorageException {
    try {
      NfsSetAttributes attributes = new NfsSetAttributes();
      attributes.setSize(size);
      file.setAttributes(attributes);
    } catch (IOException e) {
      throw failure("resize", e);
    }
  }

  @Override
  public void sync() throws StorageException {
    try {
      Nfs3 nfs = file.getNfs();
      long committed =
          nfs.wrapped_sendCommit(nfs.makeCommitRequest(file.getFileHandle(), 0, 0)).getVerf();
      long written = verifier.getAndSet(NO_VERIFIER);
      if (verifierChanged || (written != NO_VERIFIER && written != committed)) {
        verifierChanged = false;
        throw new StorageException(
            FailureKind.CONNECTION_LOST,
            "Cannot sync '"
                + path
                + "': the NFS server restarted and may have lost recent"
                + " writes; write the file again");
      }
    } catch (IOException e) {
      throw failure("sync", e);
    }
  }

  @Override
  public void close() {
    // NFSv3 is stateless: there is no open handle on the server to release.
  }
}
