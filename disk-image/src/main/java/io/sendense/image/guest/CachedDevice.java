package io.sendense.image.guest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used page cache in front of a device, for file system metadata
 * (superblocks, inode tables, directories, allocation tables) that a reader revisits while
 * browsing. Large reads (file content) bypass it and go straight to the device.
 */
public final class CachedDevice implements BlockDevice {
  /** Page size of the cache. */
  public static final int PAGE = 64 << 10;

  /** Default capacity: 4 MiB of metadata per file system. */
  public static final int DEFAULT_PAGES = 64;

  private static final int BYPASS = 2 * PAGE;

  private final BlockDevice device;
  private final Map<Long, byte[]> pages;

  public CachedDevice(BlockDevice device, int maxPages) {
    this.device = device;
    this.pages =
        new LinkedHashMap<>(maxPages * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > maxPages;
          }
        };
  }

  public CachedDevice(BlockDevice device) {
    this(device, DEFAULT_PAGES);
  }

  @Override
  public long size() {
    return device.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0 || offset > size() || dst.remaining() > size() - offset) {
      throw new java.io.EOFException(
          "Read of "
              + dst.remaining()
              + " bytes at "
              + offset
              + " is past the end ("
              + size()
              + ")");
    }
    if (dst.remaining() >= BYPASS) {
      device.read(offset, dst);
      return;
    }
    while (dst.hasRemaining()) {
      long index = offset / PAGE;
      byte[] page = page(index);
      int within = (int) (offset - index * PAGE);
      int n = Math.min(dst.remaining(), page.length - within);
      dst.put(page, within, n);
      offset += n;
    }
  }

  private byte[] page(long index) throws IOException {
    synchronized (pages) {
      byte[] cached = pages.get(index);
      if (cached != null) {
        return cached;
      }
    }
    long start = index * PAGE;
    byte[] page = new byte[(int) Math.min(PAGE, size() - start)];
    device.read(start, ByteBuffer.wrap(page));
    synchronized (pages) {
      pages.put(index, page);
    }
    return page;
  }
}
