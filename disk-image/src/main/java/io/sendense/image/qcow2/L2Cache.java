package io.sendense.image.qcow2;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small LRU of decoded L2 tables keyed by their file offset. Bounded by entry count so that a
 * large or hostile image cannot make the reader hold more than a fixed amount of table memory.
 */
final class L2Cache {
  private final Map<Long, long[]> tables;

  L2Cache(int maxTables) {
    this.tables =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > maxTables;
          }
        };
  }

  synchronized long[] get(long offset) {
    return tables.get(offset);
  }

  synchronized void put(long offset, long[] table) {
    tables.put(offset, table);
  }
}
