package io.sendense.image.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.QemuImg;
import io.sendense.image.qcow2.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sendense-image} with {@code --passphrase-file}: the same file qemu's secret reads. */
class EncryptedToolIT {
  private static final int SIZE = (8 << 20) + 512;

  @TempDir Path dir;

  @Test
  void convertEncryptsExportDecryptsAndAWrongOrMissingFileIsAClearError() throws Exception {
    byte[] disk = TestData.mixed(31, SIZE);
    Path raw = Files.write(dir.resolve("d.raw"), disk);
    Path pass = Files.writeString(dir.resolve("pass"), "tool secret\n");
    Path image = dir.resolve("e.qcow2");
    Run conv =
        run("convert", raw.toString(), image.toString(), "--passphrase-file", pass.toString());
    assertEquals(0, conv.code(), conv.err());
    assertTrue(conv.text().contains("\"encrypted\": true"), conv.text());
    String compare =
        QemuImg.ok(
            "compare",
            "--object",
            "secret,id=s,file=" + pass,
            "--image-opts",
            "driver=qcow2,file.filename=" + image + ",encrypt.key-secret=s",
            "driver=raw,file.filename=" + raw);
    assertTrue(compare.contains("Images are identical"), compare);

    Path out = dir.resolve("out.raw");
    Run export =
        run("export", image.toString(), out.toString(), "--passphrase-file", pass.toString());
    assertEquals(0, export.code(), export.err());
    assertArrayEquals(disk, Files.readAllBytes(out));

    Run missing = run("export", image.toString(), dir.resolve("m.raw").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("encrypted (LUKS)"), missing.err());
    assertTrue(missing.err().contains("--passphrase-file"), missing.err());

    Path wrong = Files.writeString(dir.resolve("wrong"), "tool secret");
    Run bad =
        run(
            "export",
            image.toString(),
            dir.resolve("w.raw").toString(),
            "--passphrase-file",
            wrong.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("passphrase does not unlock"), bad.err());
    assertFalse(bad.err().contains("tool secret"), bad.err());
    assertFalse(Files.exists(dir.resolve("w.raw")) && Files.size(dir.resolve("w.raw")) > 0);
  }

  /** Output of one in-process run. */
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
