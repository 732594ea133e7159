package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.WalkGuard;
import io.sendense.webapp.common.Refusal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Finds entries of a guest file system whose name contains a text, ignoring case, for an admin who
 * knows a file's name but not its folder. Walks depth-first from a folder in a stable order (each
 * folder's entries by name ignoring case), and stops at the first of: more matches than asked for,
 * the {@link WalkGuard}'s entries (the same bounds as a ZIP download, so a hostile or huge volume
 * cannot pin the hub), or a time budget. Nothing is skipped silently: folders that cannot be listed
 * or are reached a second time are named in the result.
 */
public final class FileSearch {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  public static final int MAX_NAME = 255;

  /** Skipped folders named in one result; more are only counted. */
  static final int MAX_SKIPPED = 100;

  private static final int MAX_DEPTH = 256;

  private static final Comparator<GuestEntry> NAME_ORDER =
      Comparator.comparing((GuestEntry e) -> e.name().toLowerCase(Locale.ROOT))
          .thenComparing(GuestEntry::name);

  /**
   * What a search found.
   *
   * @param truncated whether the walk stopped before it saw every entry under {@code path}
   * @param stoppedBy {@code limit}, {@code entries} or {@code time} when truncated, else null
   * @param reason the stop in words, else null
   * @param skipped folders not searched, as "/path: reason" (at most {@value #MAX_SKIPPED})
   * @param skippedCount how many folders were not searched in all
   */
  public record Result(
      String name,
      String path,
      List<FileEntryDto> matches,
      boolean truncated,
      String stoppedBy,
      String reason,
      long entriesSearched,
      List<String> skipped,
      int skippedCount)
      implements java.io.Serializable {}

  private final GuestFileSystem fs;
  private final WalkGuard guard;
  private final long deadline;
  private final Duration budget;
  private final LongSupplier nanoTime;
  private String needle;
  private int limit;
  private final List<FileEntryDto> matches = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private int skippedCount;
  private long searched;
  private String stoppedBy;
  private String reason;

  FileSearch(GuestFileSystem fs, WalkGuard guard, Duration budget, LongSupplier nanoTime) {
    this.fs = fs;
    this.guard = guard;
    this.budget = budget;
    this.nanoTime = nanoTime;
    this.deadline = nanoTime.getAsLong() + budget.toNanos();
  }

  /** A search of {@code fs} within {@code guard}'s bounds and {@code budget} from now. */
  public static FileSearch of(GuestFileSystem fs, WalkGuard guard, Duration budget) {
    return new FileSearch(fs, guard, budget, System::nanoTime);
  }

  /**
   * The entries under folder {@code path} (a request's, checked like a listing's; empty is the
   * root) whose name contains {@code name}, at most {@code limit} (default {@value
   * #DEFAULT_LIMIT}). Bad input is a 400, an unknown folder a 404.
   */
  public Result find(String name, String path, Integer limit) {
    needle = checkedName(name).toLowerCase(Locale.ROOT);
    this.limit = checkedLimit(limit);
    GuestPath start = GuestFiles.path(path);
    GuestEntry folder = GuestFiles.stat(fs, start);
    if (!folder.isDirectory()) {
      throw new Refusal(400, "/" + start + " is not a folder");
    }
    if (guard.enter(folder) == null) {
      walk(start, 0);
    }
    return new Result(
        name,
        start.toString(),
        List.copyOf(matches),
        stoppedBy != null,
        stoppedBy,
        reason,
        searched,
        List.copyOf(skipped),
        skippedCount);
  }

  static String checkedName(String name) {
    if (name == null || name.isBlank()) {
      throw new Refusal(400, "name is required: part of the file name to find");
    }
    if (name.length() > MAX_NAME) {
      throw new Refusal(
          400, "name is " + name.length() + " characters long; at most " + MAX_NAME + " are found");
    }
    return name;
  }

  static int checkedLimit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new Refusal(400, "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
    }
    return limit;
  }

  /** Walks {@code folder}'s entries; false once the search must stop. */
  private boolean walk(GuestPath folder, int depth) {
    if (depth > MAX_DEPTH) {
      skip(folder, "deeper than " + MAX_DEPTH + " levels");
      return true;
    }
    List<GuestEntry> children;
    try {
      children = new ArrayList<>(fs.list(folder));
    } catch (IOException e) {
      skip(folder, "folder cannot be listed: " + e.getMessage());
      return true;
    }
    children.sort(NAME_ORDER);
    for (GuestEntry child : children) {
      if (!visit(child, depth)) {
        return false;
      }
    }
    return true;
  }

  private boolean visit(GuestEntry entry, int depth) {
    if (nanoTime.getAsLong() - deadline > 0) {
      return stop("time", "stopped after " + budget.toSeconds() + " seconds, the time budget");
    }
    if (!guard.entry()) {
      return stop("entries", guard.stopped());
    }
    searched++;
    if (entry.name().toLowerCase(Locale.ROOT).contains(needle)) {
      if (matches.size() == limit) {
        return stop("limit", "stopped at " + limit + " matches, the limit asked for");
      }
      matches.add(GuestFiles.dto(entry));
    }
    if (!entry.isDirectory()) {
      return true;
    }
    if (entry.unsupported() != null) {
      skip(entry.path(), entry.unsupported());
      return true;
    }
    String again = guard.enter(entry);
    if (again != null) {
      skip(entry.path(), again);
      return true;
    }
    return walk(entry.path(), depth + 1);
  }

  private boolean stop(String by, String why) {
    stoppedBy = by;
    reason = why;
    return false;
  }

  private void skip(GuestPath path, String why) {
    skippedCount++;
    if (skipped.size() < MAX_SKIPPED) {
      skipped.add("/" + path + ": " + why);
    }
  }
}
