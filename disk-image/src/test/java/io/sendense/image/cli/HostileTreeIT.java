package io.sendense.image.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.GuestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crafted ext4 image whose folders loop (a folder linked into itself, a subfolder linked back to
 * the root, as debugfs makes them): extracting it ends quickly, extracts every real file once, and
 * names each loop it skipped.
 */
class HostileTreeIT {
  @TempDir Path dir;

  private Path loopingImage() throws Exception {
    Path content = Files.createDirectories(dir.resolve("content"));
    Files.createDirectories(content.resolve("a/inner"));
    Files.createDirectories(content.resolve("b"));
    Files.writeString(content.resolve("a/file.txt"), "in a\n");
    Files.writeString(content.resolve("a/inner/deep.txt"), "deep\n");
    Files.writeString(content.resolve("b/other.txt"), "in b\n");
    Path image =
        GuestImages.ext(dir.resolve("loops.img"), "ext4", 16 * GuestImages.MIB, content, "loops");
    debugfs(image, "link /a /a/inner/again");
    debugfs(image, "link / /b/up");
    return image;
  }

  private static void debugfs(Path image, String request) throws Exception {
    Process p =
        new ProcessBuilder(
                GuestImages.tool("debugfs", "e2fsprogs").toString(),
                "-w",
                "-R",
                request,
                image.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, request + ": " + output);
  }

  @Test
  void extractingALoopingTreeEndsAndNamesEachLoop() throws Exception {
    Path image = loopingImage();
    Path out = dir.resolve("out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                Main.run(
                    new String[] {"extract", image.toString(), "0", "/", out.toString()},
                    new Console(
                        new ByteArrayOutputStream(),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))));
    String messages = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, messages);
    assertTrue(messages.contains("skipped /a/inner/again: the same folder"), messages);
    assertTrue(messages.contains("skipped /b/up: the same folder"), messages);
    try (Stream<Path> files = Files.walk(out)) {
      List<String> extracted =
          files
              .filter(Files::isRegularFile)
              .map(p -> out.relativize(p).toString())
              .sorted()
              .toList();
      assertEquals(List.of("a/file.txt", "a/inner/deep.txt", "b/other.txt"), extracted);
    }
  }
}
