package io.sendense.webapp.lifecycle;

import io.sendense.image.point.ManifestException;
import io.sendense.image.point.PointManifest;
import io.sendense.image.point.PointManifests;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a repository's point manifests and compares them with the catalog: imports the points the
 * catalog lacks (a hub reinstalled on an existing repository restores from them), and reports the
 * images the catalog names that are gone and the images nothing names.
 */
@ApplicationScoped
public class RepositoryRescan {
  @Inject RepositoryStore repositories;
  @Inject ManifestService manifestService;
  @Inject BackupStore backups;
  @Inject PointImport imports;

  @RequiresRole(value = Roles.ADMIN, action = "rescan repositories")
  @Transactional
  public RescanReport rescan(long repositoryId) {
    Repository repository =
        repositories
            .byId(repositoryId)
            .orElseThrow(() -> new Refusal(404, "No repository with id " + repositoryId));
    ImageStore root;
    try {
      root = manifestService.open(repositoryId);
    } catch (IllegalStateException e) {
      throw new Refusal(409, e.getMessage());
    }
    try (root) {
      return rescan(repository, root);
    } catch (IOException e) {
      throw new Refusal(409, "Repository '" + repository.getName() + "' failed: " + e.getMessage());
    }
  }

  private RescanReport rescan(Repository repository, ImageStore root) {
    long repositoryId = repository.getId();
    List<String> problems = new ArrayList<>();
    List<Found> found = new ArrayList<>();
    List<String> manifests;
    try {
      manifests = PointManifests.find(root);
    } catch (IOException e) {
      throw new Refusal(409, "Repository '" + repository.getName() + "' cannot be listed: " + e);
    }
    for (String m : manifests) {
      try {
        found.add(new Found(ImageNames.parent(m), PointManifests.read(root, m)));
      } catch (ManifestException e) {
        problems.add(e.getMessage());
      } catch (IOException e) {
        problems.add(root.location(m) + ": " + e.getMessage());
      }
    }
    found.sort(Comparator.comparing(f -> f.manifest().startedAt(), Comparator.nullsFirst(null)));
    List<RescanReport.Imported> imported = new ArrayList<>();
    for (Found f : found) {
      if (known(repositoryId, f)) {
        continue;
      }
      try {
        imported.add(imports.importPoint(repository, f.folder(), f.manifest()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        problems.add(
            f.folder()
                + "/"
                + PointManifests.fileName(f.manifest().point())
                + ": "
                + e.getMessage());
      }
    }
    return new RescanReport(
        manifests.size(),
        imported,
        missing(repositoryId, root),
        orphans(repositoryId, root),
        problems);
  }

  private record Found(String folder, PointManifest manifest) {}

  /** Whether the catalog has any of the point's images in this repository. */
  private boolean known(long repositoryId, Found f) {
    return f.manifest().disks().stream()
        .anyMatch(d -> backups.diskByFile(repositoryId, join(f.folder(), d.file())).isPresent());
  }

  private List<RescanReport.MissingFile> missing(long repositoryId, ImageStore root) {
    List<RescanReport.MissingFile> missing = new ArrayList<>();
    for (BackupDisk d : backups.disksIn(repositoryId)) {
      Backup b = d.getBackup();
      if (b.getStatus() == BackupStatus.COMPLETE && !isFile(root, d.getFileName())) {
        missing.add(new RescanReport.MissingFile(b.getId(), b.getVm().getName(), d.getFileName()));
      }
    }
    return missing;
  }

  private static boolean isFile(ImageStore root, String name) {
    try {
      return root.isFile(name);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Images in the repository's root and the folders directly below it that no point names. */
  private List<String> orphans(long repositoryId, ImageStore root) {
    Set<String> named = new HashSet<>();
    backups.disksIn(repositoryId).forEach(d -> named.add(d.getFileName()));
    List<String> orphans = new ArrayList<>();
    try {
      List<ImageEntry> entries = new ArrayList<>();
      for (ImageEntry e : root.list("")) {
        if (e.directory()) {
          entries.addAll(root.list(e.name()));
        } else {
          entries.add(e);
        }
      }
      entries.stream()
          .filter(e -> !e.directory() && e.name().endsWith(".qcow2"))
          .map(ImageEntry::name)
          .filter(n -> !named.contains(n))
          .sorted()
          .forEach(orphans::add);
    } catch (IOException e) {
      orphans.add("(listing failed: " + e.getMessage() + ")");
    }
    return orphans;
  }

  static String join(String folder, String file) {
    return folder.isEmpty() ? file : folder + "/" + file;
  }
}
