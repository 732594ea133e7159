package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.WalkGuard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** ZIP downloads of a hostile guest tree end, include each folder once and say what they left. */
class ZipStreamerTest {
  /**
   * The root holds folders a (10) and b (11); a holds f.txt and "again", which is a itself; b holds
   * "up", which is the root: followed by path, the loops never end.
   */
  private static GuestTree looping() {
    return new GuestTree()
        .folder("a", 10)
        .folder("b", 11)
        .file("a/f.txt")
        .folder("a/again", 10)
        .folder("b/up", GuestTree.ROOT);
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
    GuestTree fs = looping();
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
    GuestTree fs = looping();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipStreamer(fs, new WalkGuard(2, 1 << 20)).write(List.of(fs.stat(GuestPath.ROOT)), out);
    Map<String, String> entries = unzip(out.toByteArray());
    String errors = entries.get(ZipStreamer.ERRORS);
    assertTrue(errors.contains("INCOMPLETE") && errors.contains("2 entries"), errors);
    assertEquals(List.of("a/", "a/f.txt", ZipStreamer.ERRORS), List.copyOf(entries.keySet()));
  }

  @Test
  void aZipStopsAtItsByteLimitInsideAFile() throws Exception {
    GuestTree fs = looping();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipStreamer(fs, new WalkGuard(1000, 2)).write(List.of(fs.stat(GuestPath.ROOT)), out);
    Map<String, String> entries = unzip(out.toByteArray());
    assertEquals("ab", entries.get("a/f.txt"));
    String errors = entries.get(ZipStreamer.ERRORS);
    assertTrue(errors.contains("/a/f.txt: INCOMPLETE in this ZIP after 2 bytes"), errors);
    assertTrue(errors.contains("2 bytes of content"), errors);
  }
}
