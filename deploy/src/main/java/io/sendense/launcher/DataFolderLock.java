package io.sendense.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data folder. The lock is an operating-system file lock, so it vanishes with the
 * process that held it, also after {@code kill -9}: a start after a crash never finds a stale lock,
 * and a second start while one runs is refused at once, naming the pid that holds it.
 */
final class DataFolderLock implements AutoCloseable {
  static final String FILE = "launcher.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IllegalStateException if another process holds the data folder
   */
  static DataFolderLock acquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException heldByThisProcess) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new IllegalStateException(
          "Sendense is already running with the data folder "
              + dataDir
              + (holder.isEmpty() ? "" : " (launcher pid " + holder + ")")
              + "; stop it first, or start with another sendense.data.dir");
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
        0);
    channel.force(true);
    return new DataFolderLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
