package io.sendense.batch.copy;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies one image of a restore point from one repository to another and verifies it there. A byte
 * copy is hashed while it is read (the source must match its recorded SHA-256, or the copy stops
 * before anything is named), written under the partial name, synced, verified on the target against
 * the source's recorded facts (SHA-256, size, header, structure), and only then renamed to its
 * name. A flattened copy (a standalone full of the chain's content) is written by the QCOW2 writer
 * and compared with the source chain over every data range of either image.
 */
public final class ImageCopier {
  static final int BLOCK = 4 << 20;

  /** Where the bytes go: counted for telemetry, and asked whether to stop. */
  public interface Progress {
    void copied(long bytes);

    boolean stopRequested();
  }

  private ImageCopier() {}

  /** Copies the image and returns the facts of the copy as verified on the target. */
  public static ImageFacts copy(
      ImageStore source, ImageStore target, CopyPlan.Image image, Progress progress)
      throws IOException {
    String folder = ImageNames.parent(image.file());
    if (!folder.isEmpty()) {
      target.createDirectories(folder);
    }
    return image.flatten()
        ? flatten(source, target, image, progress)
        : bytes(source, target, image, progress);
  }

  private static ImageFacts bytes(
      ImageStore source, ImageStore target, CopyPlan.Image image, Progress progress)
      throws IOException {
    String name = image.file();
    ImageFacts expected = image.expected();
    if (expected == null || expected.sha256() == null) {
      throw new IOException(
          "No SHA-256 is recorded for " + name + "; verify the source point first, then copy it");
    }
    if (target.isFile(name)) {
      // An earlier execution renamed it but did not record it: keep it only if it is the copy.
      check(target, name, expected, "An image named " + name + " already exists on the target");
      return expected;
    }
    String partial = Qcow2Writer.partialName(name);
    target.deleteIfExists(partial);
    MessageDigest sha = sha256();
    try (ImageChannel in = source.open(name, false);
        ImageChannel out = target.create(partial)) {
      long size = in.size();
      ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
      for (long at = 0; at < size; ) {
        stopIfAsked(progress, name);
        buffer.clear().limit((int) Math.min(BLOCK, size - at));
        in.readOrZero(buffer, at);
        buffer.flip();
        int n = buffer.remaining();
        sha.update(buffer.duplicate());
        out.write(buffer, at);
        at += n;
        progress.copied(n);
      }
      String found = HexFormat.of().formatHex(sha.digest());
      if (!found.equalsIgnoreCase(expected.sha256())) {
        throw new IOException(
            "The source image "
                + source.location(name)
                + " does not match its recorded SHA-256 (found "
                + found
                + ", recorded "
                + expected.sha256()
                + "); it is damaged: verify the source point; nothing was copied");
      }
      out.sync();
    } catch (IOException | RuntimeException e) {
      deleteQuietly(target, partial);
      throw e;
    }
    check(target, partial, expected, "The copy of " + name + " on the target");
    target.rename(partial, name);
    target.syncFolder(ImageNames.parent(name));
    return expected;
  }

  private static ImageFacts flatten(
      ImageStore source, ImageStore target, CopyPlan.Image image, Progress progress)
      throws IOException {
    String name = image.file();
    if (target.isFile(name)) {
      throw new IOException(
          "An image named " + target.location(name) + " already exists on the target");
    }
    target.deleteIfExists(Qcow2Writer.partialName(name));
    try (Qcow2Chain chain = Qcow2Chain.open(source, name)) {
      Qcow2Options options =
          new Qcow2Options(
              chain.virtualSize(), chain.clusterSize(), null, Qcow2Options.full(512).compression());
      try (Qcow2Writer writer = Qcow2Writer.create(target, name, options)) {
        ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
        for (long[] range : chain.dataRanges()) {
          for (long at = range[0]; at < range[1]; ) {
            stopIfAsked(progress, name);
            int n = (int) Math.min(BLOCK, range[1] - at);
            buffer.clear().limit(n);
            chain.read(at, buffer);
            buffer.flip();
            writer.write(at, buffer);
            at += n;
            progress.copied(n);
          }
        }
        writer.commit();
      } catch (IOException | RuntimeException e) {
        deleteQuietly(target, Qcow2Writer.partialName(name));
        throw e;
      }
      try {
        compare(chain, target, name);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(target, name);
        throw e;
      }
    }
    return ImageFacts.read(target, name);
  }

  /** The flattened copy must read exactly as the chain over every data range of either. */
  private static void compare(Qcow2Chain chain, ImageStore target, String name) throws IOException {
    try (Qcow2Chain copy = Qcow2Chain.open(target, name)) {
      if (copy.virtualSize() != chain.virtualSize() || copy.images().size() > 1) {
        throw new IOException("The flattened copy of " + name + " has the wrong size or a parent");
      }
      List<long[]> ranges = new ArrayList<>(chain.dataRanges());
      ranges.addAll(copy.dataRanges());
      ByteBuffer a = ByteBuffer.allocate(BLOCK);
      ByteBuffer b = ByteBuffer.allocate(BLOCK);
      for (long[] range : ranges) {
        for (long at = range[0]; at < range[1]; ) {
          int n = (int) Math.min(BLOCK, range[1] - at);
          a.clear().limit(n);
          b.clear().limit(n);
          chain.read(at, a);
          copy.read(at, b);
          if (!a.flip().equals(b.flip())) {
            throw new IOException(
                "The flattened copy of " + name + " differs from the source at offset " + at);
          }
          at += n;
        }
      }
    }
  }

  private static void check(ImageStore store, String name, ImageFacts expected, String what)
      throws IOException {
    ImageVerifier.Result r = ImageVerifier.verify(store, name, expected);
    if (r.status() != ImageVerifier.Status.OK) {
      throw new IOException(what + " does not verify: " + r.detail());
    }
  }

  private static void stopIfAsked(Progress progress, String name) throws IOException {
    if (progress.stopRequested()) {
      throw new IOException("Stopped while copying " + name);
    }
  }

  private static void deleteQuietly(ImageStore store, String name) {
    try {
      store.deleteIfExists(name);
    } catch (IOException | RuntimeException ignored) {
      // The partial file stays; the next execution deletes it before it writes.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
