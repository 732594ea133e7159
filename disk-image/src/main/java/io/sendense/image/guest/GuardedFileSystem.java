package io.sendense.image.guest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The reader boundary: whatever a file system reader throws that is not an {@link IOException} (an
 * index out of bounds on a hostile structure, an arithmetic overflow, a stack overflow) becomes a
 * {@link GuestFsException} naming the path, so that one bad file never takes a restore session
 * down. {@link GuestDisk} puts every file system it opens behind one.
 */
public final class GuardedFileSystem implements GuestFileSystem {
  private final GuestFileSystem fs;

  private GuardedFileSystem(GuestFileSystem fs) {
    this.fs = fs;
  }

  public static GuestFileSystem of(GuestFileSystem fs) {
    return fs instanceof GuardedFileSystem ? fs : new GuardedFileSystem(fs);
  }

  @Override
  public String type() {
    return fs.type();
  }

  @Override
  public String label() {
    return fs.label();
  }

  @Override
  public long sizeBytes() {
    return fs.sizeBytes();
  }

  @Override
  public GuestEntry stat(GuestPath path) throws IOException {
    try {
      return fs.stat(path);
    } catch (RuntimeException | StackOverflowError e) {
      throw wrap(path, e);
    }
  }

  @Override
  public List<GuestEntry> list(GuestPath path) throws IOException {
    try {
      return fs.list(path);
    } catch (RuntimeException | StackOverflowError e) {
      throw wrap(path, e);
    }
  }

  @Override
  public InputStream open(GuestPath path) throws IOException {
    try {
      return new GuardedStream(fs.open(path), path);
    } catch (RuntimeException | StackOverflowError e) {
      throw wrap(path, e);
    }
  }

  static GuestFsException wrap(Object what, Throwable e) {
    return new GuestFsException("/" + what + ": unreadable structure (" + e + ")", e);
  }

  /** The same guard on the content stream. */
  private static final class GuardedStream extends java.io.FilterInputStream {
    private final GuestPath path;

    GuardedStream(InputStream in, GuestPath path) {
      super(in);
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (RuntimeException | StackOverflowError e) {
        throw wrap(path, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (RuntimeException | StackOverflowError e) {
        throw wrap(path, e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (RuntimeException | StackOverflowError e) {
        throw wrap(path, e);
      }
    }
  }
}
