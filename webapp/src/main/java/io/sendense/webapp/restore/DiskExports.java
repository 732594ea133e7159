package io.sendense.webapp.restore;

import io.sendense.image.qcow2.PointExporter;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whole-disk restore: one disk of a restore point as a raw image (streamed from the chain, holes
 * sent as zeros) or as a standalone QCOW2. A QCOW2 needs its tables written after the data, so it
 * is flattened into a temporary file under {@code <data>/restore-tmp} first, then streamed and
 * deleted. The backup cannot be deleted while its disk streams.
 */
@ApplicationScoped
public class DiskExports {
  static final String TEMP_FOLDER = "restore-tmp";
  private static final Logger LOG = Logger.getLogger(DiskExports.class.getName());

  @Inject RestoreSources sources;
  @Inject RestoreSessions sessions;
  @Inject HubSettings settings;
  @Inject AuditService audit;

  public Download export(long backupId, int diskIndex, String format, Caller caller) {
    String kind = format == null || format.isBlank() ? "raw" : format.toLowerCase(Locale.ROOT);
    if (!kind.equals("raw") && !kind.equals("qcow2")) {
      throw new Refusal(400, "format must be raw or qcow2, not '" + format + "'");
    }
    RestoreSources.DiskImage image = sources.image(backupId, diskIndex);
    String name =
        ZipNames.clean(image.target().vmName() + "-b" + backupId + "-disk" + diskIndex)
            + "."
            + kind;
    audit.record(
        caller.user(),
        "restore.image",
        "backup " + backupId + " disk " + diskIndex,
        AuditService.SUCCESS,
        caller.remote(),
        kind + " image of VM " + image.target().vmName());
    return kind.equals("raw") ? raw(image, name) : qcow2(image, name);
  }

  private Download raw(RestoreSources.DiskImage image, String name) {
    long size;
    try (OpenedPoint point = sources.open(image)) {
      size = point.chain().virtualSize();
    } catch (IOException e) {
      throw new Refusal(422, "The image cannot be read: " + e.getMessage());
    }
    return Download.attachment(
        200,
        "application/octet-stream",
        size,
        name,
        Map.of(),
        out -> {
          try (AutoCloseable hold = sessions.exporting(image.target().backupId());
              OpenedPoint point = sources.open(image)) {
            PointExporter.exportRaw(point.chain(), Channels.newChannel(out));
          } catch (IOException e) {
            throw e;
          } catch (Exception e) {
            throw new IOException(e);
          }
        });
  }

  private Download qcow2(RestoreSources.DiskImage image, String name) {
    Path temp;
    AutoCloseable hold = sessions.exporting(image.target().backupId());
    try (OpenedPoint point = sources.open(image)) {
      Path folder = Files.createDirectories(settings.dataDir().resolve(TEMP_FOLDER));
      temp =
          PointExporter.flatten(
              point.chain(),
              folder.resolve(UUID.randomUUID() + ".qcow2"),
              Qcow2Options.full(Qcow2Options.DEFAULT_CLUSTER_SIZE * 8L),
              2);
    } catch (IOException e) {
      release(hold);
      throw new Refusal(422, "The disk could not be written as QCOW2: " + e.getMessage());
    } catch (RuntimeException e) {
      release(hold);
      throw e;
    }
    long size;
    try {
      size = Files.size(temp);
    } catch (IOException e) {
      delete(temp);
      release(hold);
      throw new Refusal(422, "The flattened image is gone: " + e.getMessage());
    }
    release(hold);
    return Download.attachment(
        200, "application/octet-stream", size, name, Map.of(), out -> send(temp, out));
  }

  private static void send(Path file, OutputStream out) throws IOException {
    try {
      Files.copy(file, out);
    } finally {
      delete(file);
    }
  }

  /** Removes flattened images a stopped hub left behind. */
  void cleanTemporaryFiles() {
    Path folder = settings.dataDir().resolve(TEMP_FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var files = Files.list(folder)) {
      files.forEach(DiskExports::delete);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not clean " + folder, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete " + file, e);
    }
  }

  private static void release(AutoCloseable hold) {
    try {
      hold.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "release", e);
    }
  }
}
