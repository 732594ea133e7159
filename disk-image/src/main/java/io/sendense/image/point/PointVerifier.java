package io.sendense.image.point;

import io.sendense.image.qcow2.ImageException;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a restore point from its manifest alone, without the hub: every image of every disk's
 * chain (the point's own and the ones it is built on, found through the manifests in the same
 * folder) is checked against the facts its manifest recorded, then each chain is opened whole.
 */
public final class PointVerifier {
  /**
   * A point's verdict: CORRUPT if any image is damaged, else MISSING if any is gone, else
   * HASH_PENDING if an image's SHA-256 is not recorded yet (the hub records it right after the
   * backup): its structure is sound but there is no hash to compare with, so it is neither verified
   * nor corrupt.
   */
  public enum Status {
    VERIFIED,
    CORRUPT,
    MISSING,
    HASH_PENDING
  }

  /** The outcome for one image file of the point's chains. */
  public record ImageOutcome(String file, String point, String status, String detail) {}

  /** The outcome for the point. */
  public record Outcome(String point, Status status, List<ImageOutcome> images) {}

  private PointVerifier() {}

  /** Verifies the point of a local manifest file (the images are in the same folder). */
  public static Outcome verify(Path manifestFile) throws IOException {
    Path abs = manifestFile.toAbsolutePath();
    return verify(new LocalImageStore(abs.getParent()), abs.getFileName().toString());
  }

  /**
   * Verifies the point of the manifest {@code manifestName} in {@code store}; the images and the
   * manifests of the points it is built on are in the same folder.
   */
  public static Outcome verify(ImageStore store, String manifestName) throws IOException {
    PointManifest manifest = PointManifests.read(store, manifestName);
    String folder = ImageNames.parent(manifestName);
    Map<String, Named> known = known(store, folder);
    List<ImageOutcome> images = new ArrayList<>();
    boolean corrupt = false;
    boolean missing = false;
    boolean pending = false;
    for (PointManifest.Disk disk : manifest.disks()) {
      for (String file : chain(store, folder, disk, known)) {
        Named n = known.get(file);
        ImageVerifier.Result r =
            ImageVerifier.verify(
                store, ImageNames.join(folder, file), n == null ? null : n.facts());
        corrupt |= r.status() == ImageVerifier.Status.CORRUPT;
        missing |= r.status() == ImageVerifier.Status.MISSING;
        boolean hashPending = n != null && n.hashPending() && r.status() == ImageVerifier.Status.OK;
        pending |= hashPending;
        images.add(
            hashPending
                ? new ImageOutcome(
                    file,
                    n.point(),
                    "HASH_PENDING",
                    file
                        + ": its SHA-256 is not recorded yet (the hub records it right after the"
                        + " backup); the structure is sound, the content is not verified")
                : new ImageOutcome(
                    file, n == null ? null : n.point(), r.status().name(), r.detail()));
      }
      if (!corrupt && !missing) {
        try (Qcow2Chain c = Qcow2Chain.open(store, ImageNames.join(folder, disk.file()))) {
          c.map();
        } catch (ImageException e) {
          corrupt = true;
          images.add(new ImageOutcome(disk.file(), manifest.point(), "CORRUPT", e.getMessage()));
        }
      }
    }
    Status status =
        corrupt
            ? Status.CORRUPT
            : missing ? Status.MISSING : pending ? Status.HASH_PENDING : Status.VERIFIED;
    return new Outcome(manifest.point(), status, images);
  }

  /** The files of a disk's chain, top first, as the manifests name them. */
  private static List<String> chain(
      ImageStore store, String folder, PointManifest.Disk disk, Map<String, Named> known)
      throws IOException {
    Set<String> files = new LinkedHashSet<>();
    String file = disk.file();
    while (file != null && files.add(file) && files.size() <= 1000) {
      Named n = known.get(file);
      String parent = n != null && n.facts() != null ? n.facts().backingFile() : null;
      String name = ImageNames.join(folder, file);
      if (parent == null && n == null && store.isFile(name)) {
        parent = io.sendense.image.qcow2.BackingFile.of(store, name);
      }
      file = parent;
    }
    return new ArrayList<>(files);
  }

  /** Every image the manifests of a folder name, with the point and facts of its manifest. */
  private static Map<String, Named> known(ImageStore store, String folder) throws IOException {
    Map<String, Named> known = new HashMap<>();
    for (String m : PointManifests.in(store, folder)) {
      PointManifest manifest;
      try {
        manifest = PointManifests.read(store, m);
      } catch (ManifestException e) {
        continue;
      }
      for (PointManifest.Disk d : manifest.disks()) {
        known.put(d.file(), new Named(manifest.point(), d.image(), d.hashPending()));
      }
    }
    return known;
  }

  private record Named(String point, ImageFacts facts, boolean hashPending) {}
}
