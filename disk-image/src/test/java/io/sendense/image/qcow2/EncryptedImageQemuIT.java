package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.luks.Passphrase;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted images (QCOW2 with {@code encrypt.format=luks}) judged by qemu-img both ways: chains we
 * write pass {@code qemu-img check} and {@code qemu-img compare} with the secret and are refused
 * without it; images qemu-img writes are read by our reader byte for byte; merges keep every point;
 * a wrong or missing passphrase is a clear error and never garbage.
 */
class EncryptedImageQemuIT {
  private static final int SIZE = (12 << 20) + 3 * 512;
  private static final String SECRET = "correct horse battery staple";

  @TempDir Path dir;
  private Path secretFile;
  private final Passphrase passphrase = Passphrase.of(SECRET);

  @BeforeEach
  void secret() throws Exception {
    secretFile = Files.writeString(dir.resolve("pass"), SECRET, StandardCharsets.UTF_8);
  }

  @Test
  void encryptedChainOfThreePointsPassesQemuCheckAndCompareWithTheSecret() throws Exception {
    List<Path> points = writeChain(Qcow2Options.full(SIZE), 21L, 3);
    Path top = points.get(2);
    QemuImg.Result bare =
        QemuImg.run("compare", "-f", "qcow2", "-F", "raw", top.toString(), raw(2));
    assertNotEquals(0, bare.exitCode(), bare.output());
    assertTrue(bare.output().contains("key-secret"), bare.output());
    String info = QemuImg.ok("info", "--output=json", top.toString());
    assertTrue(info.contains("\"format\": \"luks\""), info);
    assertTrue(info.contains("\"cipher-alg\": \"aes-256\""), info);
    assertTrue(info.contains("\"cipher-mode\": \"xts\""), info);
    assertTrue(info.contains("\"ivgen-alg\": \"plain64\""), info);
  }

  @Test
  void smallAndLargeClusterEncryptedChainsMatchTheirRawStates() throws Exception {
    writeChain(Qcow2Options.full(SIZE).withClusterSize(4096), 22L, 2);
    Files.list(dir).filter(p -> p.toString().endsWith(".qcow2")).forEach(p -> p.toFile().delete());
    writeChain(Qcow2Options.full(SIZE).withClusterSize(2 << 20), 23L, 2);
  }

  @Test
  void imagesQemuEncryptsAreReadByteForByte() throws Exception {
    byte[] data = TestData.mixed(24, SIZE);
    Path raw = Files.write(dir.resolve("q.raw"), data);
    Path base = dir.resolve("q.qcow2");
    QemuImg.ok(
        "convert",
        "--object",
        "secret,id=s,file=" + secretFile,
        "-O",
        "qcow2",
        "-o",
        "encrypt.format=luks,encrypt.key-secret=s,encrypt.iter-time=10",
        raw.toString(),
        base.toString());
    assertReads(base, data);
    assertTrue(Qcow2Checker.check(base).clean(), Qcow2Checker.check(base).toString());

    Path top = dir.resolve("t.qcow2");
    QemuImg.ok(
        "create",
        "--object",
        "secret,id=s,file=" + secretFile,
        "-f",
        "qcow2",
        "-b",
        "q.qcow2",
        "-F",
        "qcow2",
        "-u",
        "-o",
        "encrypt.format=luks,encrypt.key-secret=s,encrypt.iter-time=10,cluster_size=16384",
        top.toString(),
        String.valueOf(SIZE));
    QemuImg.okExec(
        "qemu-io",
        "--object",
        "secret,id=s,file=" + secretFile,
        "--image-opts",
        imageOpts(top, 2),
        "-c",
        "write -P 7 5000 70000",
        "-c",
        "write -z 1M 64k",
        "-c",
        "write -P 9 " + (SIZE - 4096) + " 4096");
    fill(data, 5000, 70000, (byte) 7);
    fill(data, 1 << 20, 64 << 10, (byte) 0);
    fill(data, SIZE - 4096, 4096, (byte) 9);
    assertReads(top, data);
    assertTrue(Qcow2Checker.check(top).clean(), Qcow2Checker.check(top).toString());
  }

  @Test
  void wrongOrMissingPassphraseIsAClearErrorNeverGarbage() throws Exception {
    List<Path> points = writeChain(Qcow2Options.full(SIZE), 25L, 2);
    Path top = points.get(1);
    WrongPassphraseException wrong =
        assertThrows(
            WrongPassphraseException.class, () -> Qcow2Chain.open(top, Passphrase.of("guess")));
    assertTrue(wrong.getMessage().contains("point-1.qcow2"), wrong.getMessage());
    assertTrue(wrong.getMessage().contains("passphrase does not unlock"), wrong.getMessage());

    try (Qcow2Chain locked = Qcow2Chain.open(top)) {
      assertTrue(locked.encrypted());
      assertFalse(locked.map().ranges().isEmpty());
      PassphraseRequiredException missing =
          assertThrows(
              PassphraseRequiredException.class, () -> locked.read(0, ByteBuffer.allocate(SIZE)));
      assertTrue(missing.getMessage().contains("--passphrase-file"), missing.getMessage());
    }
    Qcow2Options plainOnTop = Qcow2Options.full(SIZE).withBackingFile(top);
    BrokenChainException mixed =
        assertThrows(
            BrokenChainException.class,
            () -> Qcow2Writer.create(dir.resolve("plain.qcow2"), plainOnTop));
    assertTrue(mixed.getMessage().contains("parent chain is encrypted"), mixed.getMessage());
    assertFalse(Files.exists(dir.resolve("plain.qcow2.partial")));
    assertThrows(
        WrongPassphraseException.class,
        () ->
            Qcow2Writer.create(
                dir.resolve("x.qcow2"), plainOnTop.withPassphrase(Passphrase.of("guess"))));
    assertFalse(Files.exists(dir.resolve("x.qcow2.partial")));
  }

  @Test
  void mergingEncryptedPointsKeepsTheChainIdenticalForQemu() throws Exception {
    List<Path> points = writeChain(Qcow2Options.full(SIZE), 26L, 3);
    ImageCommit.Result r = ImageCommit.commit(points.get(1), points.get(0), null, passphrase);
    assertTrue(r.clusters() > 0);
    BackingFile.rebase(points.get(2), points.get(0));
    Files.delete(points.get(1));
    assertQemuAccepts(points.get(2), Path.of(raw(2)), 2);
    assertQemuAccepts(points.get(0), Path.of(raw(1)), 1);
    assertReads(points.get(2), Files.readAllBytes(Path.of(raw(2))));
  }

  @Test
  void aStoreWithAPassphraseEncryptsWhatItWritesAndOpensAndMergesWhatItHolds() throws Exception {
    ImageStore store =
        ImageStore.withPassphrase(new LocalImageStore(dir), Passphrase.generated(SECRET));
    RandomWrites writes = new RandomWrites(28L, SIZE);
    for (int p = 0; p < 3; p++) {
      Qcow2Options options = Qcow2Options.full(SIZE);
      if (p > 0) {
        options = options.withBackingFile(Path.of("vm/p" + (p - 1) + ".qcow2"));
      }
      store.createDirectories("vm");
      try (Qcow2Writer w = Qcow2Writer.create(store, "vm/p" + p + ".qcow2", options)) {
        assertTrue(w.options().encrypted());
        writes.apply(w, 30, options.clusterSize());
        w.commit();
      }
      writes.saveRaw(Path.of(raw(p)));
    }
    Path top = dir.resolve("vm/p2.qcow2");
    assertQemuAccepts(top, Path.of(raw(2)), 3);
    String info = QemuImg.ok("info", "--output=json", top.toString());
    assertTrue(info.replace(" ", "").contains("\"iters\":1000,"), info);
    try (Qcow2Chain chain = Qcow2Chain.open(store, "vm/p2.qcow2")) {
      ByteBuffer all = ByteBuffer.allocate(SIZE);
      chain.read(0, all);
      assertArrayEquals(writes.model(), all.array());
    }
    ImageCommit.commit(store, "vm/p1.qcow2", "vm/p0.qcow2", null);
    BackingFile.rebase(store, "vm/p2.qcow2", "vm/p0.qcow2");
    store.deleteIfExists("vm/p1.qcow2");
    assertQemuAccepts(top, Path.of(raw(2)), 2);
    try (Qcow2Chain locked = Qcow2Chain.open(new LocalImageStore(dir), "vm/p2.qcow2")) {
      assertThrows(
          PassphraseRequiredException.class, () -> locked.read(0, ByteBuffer.allocate(SIZE)));
    }
    ImageStore other = ImageStore.withPassphrase(new LocalImageStore(dir), Passphrase.of("other"));
    assertThrows(WrongPassphraseException.class, () -> Qcow2Chain.open(other, "vm/p2.qcow2"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Qcow2Writer.create(
                store, "vm/z.qcow2", Qcow2Options.full(SIZE).withCompression(Compression.ZSTD)));
  }

  @Test
  void resumedEncryptedIncrementalIsCleanForQemu() throws Exception {
    RandomWrites writes = new RandomWrites(27L, SIZE);
    Qcow2Options full = Qcow2Options.full(SIZE).withPassphrase(passphrase);
    Path base = dir.resolve("base.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(base, full)) {
      writes.apply(w, 30, full.clusterSize());
      w.commit();
    }
    Path top = dir.resolve("top.qcow2");
    Qcow2Options options = full.withBackingFile(base);
    try (Qcow2Writer w = Qcow2Writer.create(top, options)) {
      writes.apply(w, 20, full.clusterSize());
      w.checkpoint();
      writes.apply(w, 20, full.clusterSize());
      w.checkpoint();
    }
    assertThrows(
        CorruptImageException.class, () -> Qcow2Writer.resume(top, options.withPassphrase(null)));
    assertThrows(
        WrongPassphraseException.class,
        () -> Qcow2Writer.resume(top, options.withPassphrase(Passphrase.of("guess"))));
    try (Qcow2Writer w = Qcow2Writer.resume(top, options)) {
      writes.apply(w, 20, full.clusterSize());
      w.commit();
    }
    Path raw = dir.resolve("top.raw");
    writes.saveRaw(raw);
    assertQemuAccepts(top, raw, 2);
    assertReads(top, writes.model());
  }

  private List<Path> writeChain(Qcow2Options base, long seed, int count) throws Exception {
    RandomWrites writes = new RandomWrites(seed, SIZE);
    List<Path> points = new ArrayList<>();
    Qcow2Options encrypted = base.withPassphrase(passphrase);
    for (int p = 0; p < count; p++) {
      Path image = dir.resolve("point-" + p + ".qcow2");
      Qcow2Options options = p == 0 ? encrypted : encrypted.withBackingFile(points.get(p - 1));
      try (Qcow2Writer writer = Qcow2Writer.create(image, options)) {
        writes.apply(writer, 40, base.clusterSize());
        writer.commit();
      }
      writes.saveRaw(Path.of(raw(p)));
      assertQemuAccepts(image, Path.of(raw(p)), p + 1);
      assertReads(image, writes.model());
      assertTrue(Qcow2Checker.check(image).clean(), Qcow2Checker.check(image).toString());
      points.add(image);
    }
    return points;
  }

  private String raw(int point) {
    return dir.resolve("point-" + point + ".raw").toString();
  }

  /** qemu-img check and compare (with the secret for every image of the chain) accept it. */
  private void assertQemuAccepts(Path image, Path raw, int depth) throws Exception {
    String object = "secret,id=s,file=" + secretFile;
    QemuImg.Result check =
        QemuImg.run("check", "--object", object, "--image-opts", imageOpts(image, depth));
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("No errors were found"), check.output());
    assertFalse(check.output().contains("leaked"), check.output());
    String compare =
        QemuImg.ok(
            "compare",
            "--object",
            object,
            "--image-opts",
            imageOpts(image, depth),
            "driver=raw,file.filename=" + raw);
    assertTrue(compare.contains("Images are identical"), compare);
  }

  /**
   * The {@code --image-opts} of an encrypted chain: qemu takes the key secret of each image of a
   * chain separately ({@code backing.encrypt.key-secret} and so on); the top's alone does not open
   * its backing file.
   */
  static String imageOpts(Path image, int depth) {
    StringBuilder opts =
        new StringBuilder("driver=qcow2,file.filename=" + image + ",encrypt.key-secret=s");
    String prefix = "";
    for (int d = 1; d < depth; d++) {
      prefix += "backing.";
      opts.append(',').append(prefix).append("encrypt.key-secret=s");
    }
    return opts.toString();
  }

  private void assertReads(Path image, byte[] expected) throws Exception {
    try (Qcow2Chain chain = Qcow2Chain.open(image, passphrase)) {
      ByteBuffer all = ByteBuffer.allocate(expected.length);
      chain.read(0, all);
      assertArrayEquals(expected, all.array());
      ByteBuffer direct = ByteBuffer.allocateDirect(70001);
      chain.read(12345, direct);
      byte[] part = new byte[70001];
      direct.flip().get(part);
      assertArrayEquals(java.util.Arrays.copyOfRange(expected, 12345, 12345 + 70001), part);
    }
  }

  private static void fill(byte[] data, int at, int len, byte value) {
    java.util.Arrays.fill(data, at, at + len, value);
  }
}
