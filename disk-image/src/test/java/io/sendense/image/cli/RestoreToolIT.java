package io.sendense.image.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.ContentTree;
import io.sendense.image.guest.TestDisks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-level restore commands on real images: what they print and the bytes they write. */
class RestoreToolIT {
  @TempDir static Path images;
  static Path mbr;
  static TestDisks.Chain chain;

  @TempDir Path out;

  @BeforeAll
  static void buildImages() throws Exception {
    mbr = TestDisks.mbrDisk(Files.createDirectories(images.resolve("mbr")));
    chain = TestDisks.chain(Files.createDirectories(images.resolve("chain")));
  }

  @Test
  void partitionsListsEveryVolumeWithItsFileSystemAndLabel() {
    Run r = run("partitions", mbr.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.text().split("\n");
    assertEquals(5, lines.length, r.text());
    assertTrue(
        lines[1].matches(
            "1\\s+Partition 1 - boot \\(16\\.0 MiB, EXT4\\)\\s+1048576\\s+"
                + "16777216\\s+ext4\\s+boot\\s*"),
        lines[1]);
    assertTrue(
        lines[2].matches("2\\s+Partition 2 \\(8\\.0 MiB, Swap\\).*\\sswap\\s+swap space"),
        lines[2]);
    assertTrue(
        lines[3].startsWith("5 ") && lines[3].contains("fat16") && lines[3].contains("DOSDATA"),
        lines[3]);
    Run json = run("partitions", mbr.toString(), "--json");
    assertTrue(
        json.text()
            .contains("\"id\": \"6\", \"name\": \"Partition 6 - logical6 (16.0 MiB," + " EXT3)\""),
        json.text());
  }

  @Test
  void lsShowsTypeSizeTimeAndNameAndJsonOnRequest() throws Exception {
    Path v3 = chain.versions().get(2);
    String top = chain.points().get(2).toString();
    Run r = run("ls", top, "1");
    assertEquals(0, r.code(), r.err());
    long size = Files.size(v3.resolve("big.bin"));
    assertTrue(
        r.text()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "- +"
                            + size
                            + "  \\d{4}-\\d\\d-\\d\\d "
                            + "\\d\\d:\\d\\d:\\d\\d  big\\.bin")),
        r.text());
    assertTrue(r.text().lines().anyMatch(l -> l.matches("d +0  .*  new folder")), r.text());
    assertTrue(r.text().contains("link-relative -> many/Long file name 00001.text"), r.text());
    assertFalse(r.text().contains("added in v2.txt"), r.text());
    Run json = run("ls", top, "1", "/new folder/inner", "--json");
    assertTrue(
        json.text()
            .contains(
                "\"name\": \""
                    + ContentTree.UNICODE_NAME
                    + "\", \"path\": "
                    + "\"new folder/inner/"
                    + ContentTree.UNICODE_NAME
                    + "\", \"type\": \"file\", \"size\": "
                    + "7,"),
        json.text());
  }

  @Test
  void catWritesTheExactBytesOfAFileOfTheChosenPoint() throws Exception {
    Run v2 = run("cat", chain.points().get(1).toString(), "1", "big.bin");
    assertEquals(0, v2.code(), v2.err());
    assertArrayEquals(Files.readAllBytes(chain.versions().get(1).resolve("big.bin")), v2.out());
    Run v1 = run("cat", chain.points().get(0).toString(), "1", "big.bin");
    assertArrayEquals(Files.readAllBytes(chain.versions().get(0).resolve("big.bin")), v1.out());
  }

  @Test
  void extractCopiesAFolderTreeWithTimesAndOnlyInsideLinks() throws Exception {
    Path dest = out.resolve("restored");
    Run r = run("extract", chain.points().get(2).toString(), "1", "/", dest.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "warning: skipped /link-absolute: symbolic link to /etc/hostname"
                    + " points outside the extracted folder"),
        r.err());
    Map<String, String> expected = ContentTree.snapshot(chain.versions().get(2));
    expected.remove("link-absolute");
    Map<String, String> got = ContentTree.snapshot(dest);
    ContentTree.assertSameTree(expected, got);
    assertEquals(
        Files.getLastModifiedTime(chain.versions().get(2).resolve("many/f00003.txt"))
            .toInstant()
            .getEpochSecond(),
        Files.getLastModifiedTime(dest.resolve("many/f00003.txt")).toInstant().getEpochSecond());
  }

  @Test
  void extractOfAFileIntoAFolderRefusesToOverwrite() throws Exception {
    String top = chain.points().get(2).toString();
    Run first = run("extract", top, "1", "many/f00002.txt", out.toString());
    assertEquals(0, first.code(), first.err());
    assertArrayEquals(
        Files.readAllBytes(chain.versions().get(2).resolve("many/f00002.txt")),
        Files.readAllBytes(out.resolve("f00002.txt")));
    Files.writeString(out.resolve("f00002.txt"), "mine");
    Run again = run("extract", top, "1", "many/f00002.txt", out.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("not overwriting existing"), again.err());
    assertEquals("mine", Files.readString(out.resolve("f00002.txt")));
  }

  @Test
  void wrongVolumeOrPathSaysWhatExists() {
    Run volume = run("ls", mbr.toString(), "4");
    assertEquals(64, volume.code());
    assertTrue(
        volume.err().contains("No volume '4' on this disk; its volumes are: 1, 2, 5, 6"),
        volume.err());
    Run swap = run("ls", mbr.toString(), "2");
    assertEquals(64, swap.code());
    assertTrue(
        swap.err().contains("Volume 2 has no readable file system (swap space)"), swap.err());
    Run path = run("cat", mbr.toString(), "1", "nope/file");
    assertEquals(1, path.code());
    assertEquals("error: /nope: no such file or directory\n", path.err());
  }

  record Run(int code, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outText = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code =
        Main.run(
            args, new Console(out, outText, new PrintStream(err, true, StandardCharsets.UTF_8)));
    outText.flush();
    return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }
}
