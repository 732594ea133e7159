package io.sendense.image.guest;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recently parsed directories, bounded by their total number of entries, so that opening every file
 * of a big folder one after the other does not re-parse the folder each time.
 *
 * @param <K> what identifies a directory (an inode number, a first cluster)
 * @param <E> one parsed entry
 */
public final class DirectoryCache<K, E> {
  /** Loads a directory when it is not cached. */
  @FunctionalInterface
  public interface Loader<E> {
    List<E> load() throws IOException;
  }

  private final long maxEntries;
  private final LinkedHashMap<K, List<E>> dirs = new LinkedHashMap<>(16, 0.75f, true);
  private long entries;

  public DirectoryCache(long maxEntries) {
    this.maxEntries = maxEntries;
  }

  public List<E> get(K key, Loader<E> loader) throws IOException {
    synchronized (this) {
      List<E> cached = dirs.get(key);
      if (cached != null) {
        return cached;
      }
    }
    List<E> loaded = List.copyOf(loader.load());
    synchronized (this) {
      if (loaded.size() <= maxEntries && dirs.put(key, loaded) == null) {
        entries += loaded.size();
      }
      Iterator<Map.Entry<K, List<E>>> eldest = dirs.entrySet().iterator();
      while (entries > maxEntries && eldest.hasNext()) {
        entries -= eldest.next().getValue().size();
        eldest.remove();
      }
    }
    return loaded;
  }
}
