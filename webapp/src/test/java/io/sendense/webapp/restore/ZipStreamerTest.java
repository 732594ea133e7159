package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.WalkGuard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** ZIP downloads of a hostile guest tree end, include each folder once and say what they left. */
class ZipStreamerTest {
  /**
   * A guest tree as a hostile file system can present it, as a graph of folders by identity: the
   * root (2) holds folders a (10) and b (11); a holds f.txt and "again", which is a itself; b holds
   * "up", which is the root. Paths are followed through the graph, so the loops never end.
   */
  private static final class LoopingFs implements GuestFileSystem {
    private record Link(String name, long identity) {}

    private final Map<Long, List<Link>> folders =
        Map.of(
            2L, List.of(new Link("a", 10), new Link("b", 11)),
            10L, List.of(new Link("f.txt", -5), new Link("again", 10)),
            11L, List.of(new Link("up", 2)));

    private long identity(GuestPath path) throws IOException {
      long id = 2;
      for (String segment : path.segments()) {
        long current = id;
        id =
            folders.getOrDefault(current, List.of()).stream()
                .filter(l -> l.name().equals(segment))
                .findFirst()
                .orElseThrow(() -> new IOException("no " + segment))
                .identity();
      }
      return id;
    }

    private static GuestEntry entry(GuestPath path, long identity) {
      return identity < 0
          ? new GuestEntry(path.name(), path, GuestEntry.Kind.FILE, 3, null, null, null)
          : new GuestEntry(
              path.name(), path, GuestEntry.Kind.DIRECTORY, 0, null, null, null, identity);
    }

    @Override
    public String type() {
      return "test";
    }

    @Override
    public String label() {
      return "";
    }

    @Override
    public long sizeBytes() {
      return 1 << 20;
    }

    @Override
    public GuestEntry stat(GuestPath path) throws IOException {
      return entry(path, identity(path));
    }

    @Override
    public List<GuestEntry> list(GuestPath path) throws IOException {
      List<GuestEntry> entries = new ArrayList<>();
      for (Link link : folders.get(identity(path))) {
        entries.add(entry(path.child(link.name()), link.identity()));
      }
      return entries;
    }

    @Override
    public InputStream open(GuestPath path) {
      return new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  @Test
  void aFolderReachedAgainThroughALoopIsSkippedAndNamed() throws Exception {
    LoopingFs fs = new LoopingFs();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            new ZipStreamer(fs, new WalkGuard(1000, 1 << 20))
                .write(List.of(fs.stat(GuestPath.ROOT)), out));
    Map<String, String> entries = unzip(out.toByteArray());
    assertEquals(List.of("a/", "a/f.txt", "b/", ZipStreamer.ERRORS), List.copyOf(entries.keySet()));
    String errors = entries.get(ZipStreamer.ERRORS);
    assertTrue(errors.contains("/a/again: the same folder"), errors);
    assertTrue(errors.contains("/b/up: the same folder"), errors);
  }

  @Test
  void aZipStopsAtItsEntryLimitAndSaysItIsIncomplete() throws Exception {
    LoopingFs fs = new LoopingFs();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipStreamer(fs, new WalkGuard(2, 1 << 20)).write(List.of(fs.stat(GuestPath.ROOT)), out);
    Map<String, String> entries = unzip(out.toByteArray());
    String errors = entries.get(ZipStreamer.ERRORS);
    assertTrue(errors.contains("INCOMPLETE") && errors.contains("2 entries"), errors);
    assertEquals(List.of("a/", "a/f.txt", ZipStreamer.ERRORS), List.copyOf(entries.keySet()));
  }

  @Test
  void aZipStopsAtItsByteLimitInsideAFile() throws Exception {
    LoopingFs fs = new LoopingFs();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipStreamer(fs, new WalkGuard(1000, 2)).write(List.of(fs.stat(GuestPath.ROOT)), out);
    Map<String, String> entries = unzip(out.toByteArray());
    assertEquals("ab", entries.get("a/f.txt"));
    String errors = entries.get(ZipStreamer.ERRORS);
    assertTrue(errors.contains("/a/f.txt: INCOMPLETE in this ZIP after 2 bytes"), errors);
    assertTrue(errors.contains("2 bytes of content"), errors);
  }
}
