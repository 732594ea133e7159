package io.sendense.image.point;

import io.sendense.image.qcow2.ImageException;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.qcow2.Qcow2Chain;
import java.io.IOException;
import java.nio.file.Files;
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
  /** A point's verdict: CORRUPT if any image is damaged, else MISSING if any is gone. */
  public enum Status {
    VERIFIED,
    CORRUPT,
    MISSING
  }

  /** The outcome for one image file of the point's chains. */
  public record ImageOutcome(String file, String point, String status, String detail) {}

  /** The outcome for the point. */
  public record Outcome(String point, Status status, List<ImageOutcome> images) {}

  private PointVerifier() {}

  public static Outcome verify(Path manifestFile) throws IOException {
    PointManifest manifest = PointManifests.read(manifestFile);
    Path folder = manifestFile.toAbsolutePath().getParent();
    Map<String, Named> known = known(folder);
    List<ImageOutcome> images = new ArrayList<>();
    boolean corrupt = false;
    boolean missing = false;
    for (PointManifest.Disk disk : manifest.disks()) {
      for (String file : chain(folder, disk, known)) {
        Named n = known.get(file);
        ImageVerifier.Result r =
            n == null || n.facts() == null
                ? structureOnly(folder.resolve(file))
                : ImageVerifier.verify(folder.resolve(file), n.facts());
        corrupt |= r.status() == ImageVerifier.Status.CORRUPT;
        missing |= r.status() == ImageVerifier.Status.MISSING;
        images.add(
            new ImageOutcome(file, n == null ? null : n.point(), r.status().name(), r.detail()));
      }
      if (!corrupt && !missing) {
        try (Qcow2Chain c = Qcow2Chain.open(folder.resolve(disk.file()))) {
          c.map();
        } catch (ImageException e) {
          corrupt = true;
          images.add(new ImageOutcome(disk.file(), manifest.point(), "CORRUPT", e.getMessage()));
        }
      }
    }
    Status status = corrupt ? Status.CORRUPT : missing ? Status.MISSING : Status.VERIFIED;
    return new Outcome(manifest.point(), status, images);
  }

  /** The files of a disk's chain, top first, as the manifests name them. */
  private static List<String> chain(Path folder, PointManifest.Disk disk, Map<String, Named> known)
      throws IOException {
    Set<String> files = new LinkedHashSet<>();
    String file = disk.file();
    while (file != null && files.add(file) && files.size() <= 1000) {
      Named n = known.get(file);
      String parent = n != null && n.facts() != null ? n.facts().backingFile() : null;
      if (parent == null && n == null && Files.isRegularFile(folder.resolve(file))) {
        parent = io.sendense.image.qcow2.BackingFile.of(folder.resolve(file));
      }
      file = parent;
    }
    return new ArrayList<>(files);
  }

  private static ImageVerifier.Result structureOnly(Path file) throws IOException {
    return ImageVerifier.verify(file, null);
  }

  /** Every image the manifests of a folder name, with the point and facts of its manifest. */
  private static Map<String, Named> known(Path folder) throws IOException {
    Map<String, Named> known = new HashMap<>();
    for (Path m : PointManifests.in(folder)) {
      PointManifest manifest;
      try {
        manifest = PointManifests.read(m);
      } catch (ManifestException e) {
        continue;
      }
      for (PointManifest.Disk d : manifest.disks()) {
        known.put(d.file(), new Named(manifest.point(), d.image()));
      }
    }
    return known;
  }

  private record Named(String point, ImageFacts facts) {}
}
