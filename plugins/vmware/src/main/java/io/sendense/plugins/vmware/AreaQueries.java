package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskExtent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks a disk's changed areas answer by answer ({@code QueryChangedDiskAreas} covers only part of
 * the disk per call: 16 MiB per answer on vcsim, 64 round trips for 1 GiB) with several queries in
 * flight: after the first answer it guesses that the next ones cover the same span and asks for the
 * following offsets ahead, on threads of its own. The walk itself stays the sequential one: it uses
 * an answer asked ahead only for the exact offset the previous answer ended at, and asks again on
 * the calling thread when the guess missed or the query ahead failed (so a failure is reported as
 * the sequential query reports it). The result equals the one-by-one walk.
 */
final class AreaQueries {

  /** One answer: the part of the disk it covers and the changed areas in it. */
  record Answer(long start, long length, List<DiskExtent> areas) {
    long end() {
      return start + length;
    }
  }

  /** One query for the answer starting at {@code offset}. */
  interface Query {
    Answer at(long offset) throws Exception;
  }

  /** Queries in flight beside the walk. */
  static final int IN_FLIGHT = 4;

  /** Offsets asked ahead of the walk at most. */
  static final int AHEAD = 2 * IN_FLIGHT;

  private AreaQueries() {}

  /** The changed areas of a disk of {@code capacity} bytes, merged where they touch. */
  static List<DiskExtent> walk(Query query, long capacity) throws Exception {
    List<DiskExtent> extents = new ArrayList<>();
    Answer answer = query.at(0);
    if (answer.end() >= capacity || answer.length() <= 0) {
      return collect(query, answer, capacity, extents, null);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            IN_FLIGHT,
            r -> {
              Thread t = new Thread(r, "sendense-vmware-cbt-query");
              t.setDaemon(true);
              return t;
            });
    try {
      return collect(query, answer, capacity, extents, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<DiskExtent> collect(
      Query query, Answer first, long capacity, List<DiskExtent> extents, ExecutorService pool)
      throws Exception {
    Map<Long, Future<Answer>> ahead = new HashMap<>();
    long span = first.length();
    long guess = first.end();
    long offset = 0;
    Answer answer = first;
    while (true) {
      for (DiskExtent area : answer.areas()) {
        ChangeTracking.add(
            extents, area.offset(), Math.min(area.length(), capacity - area.offset()));
      }
      long next = answer.end();
      if (next <= offset) {
        throw new IllegalStateException(
            "QueryChangedDiskAreas made no progress at offset " + offset);
      }
      offset = next;
      if (offset >= capacity) {
        return extents;
      }
      if (pool != null) {
        while (ahead.size() < AHEAD && guess < capacity) {
          long at = guess;
          ahead.putIfAbsent(at, pool.submit(() -> query.at(at)));
          guess += span;
        }
      }
      Answer asked = taken(ahead.remove(offset));
      if (asked == null) {
        // missed (another span than guessed) or failed ahead: ask here, and guess again from it
        for (Future<Answer> f : ahead.values()) {
          f.cancel(true);
        }
        ahead.clear();
        asked = query.at(offset);
        span = asked.length() > 0 ? asked.length() : span;
        guess = asked.end();
      }
      answer = asked;
    }
  }

  /** The answer asked ahead, or null if there is none or it failed. */
  private static Answer taken(Future<Answer> f) throws InterruptedException {
    if (f == null) {
      return null;
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      return null;
    }
  }
}
