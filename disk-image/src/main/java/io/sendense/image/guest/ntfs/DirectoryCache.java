package io.sendense.image.guest.ntfs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small LRU cache of directory index listings by MFT record number, safe across threads. */
final class DirectoryCache {
  private final Map<Long, List<IndexEntry>> map;

  DirectoryCache(int capacity) {
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, List<IndexEntry>> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized List<IndexEntry> get(long record) {
    return map.get(record);
  }

  synchronized void put(long record, List<IndexEntry> entries) {
    map.put(record, List.copyOf(entries));
  }
}
