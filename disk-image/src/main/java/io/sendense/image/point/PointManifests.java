package io.sendense.image.point;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where manifests live and how they are written (atomically) and read, in any {@link ImageStore}
 * (the repository's files, whatever their type).
 */
public final class PointManifests {
  public static final String SUFFIX = ".point.json";
  private static final String TMP = ".tmp";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private PointManifests() {}

  /**
   * The name of a point in its VM's folder, as its images are named: {@code <UTC start>-j<batch job
   * instance>}, or {@code -b<backup id>} for a point without a job instance.
   */
  public static String pointName(Instant started, Long jobInstanceId, long backupId) {
    return STAMP.format(started) + (jobInstanceId != null ? "-j" + jobInstanceId : "-b" + backupId);
  }

  public static String fileName(String point) {
    return point + SUFFIX;
  }

  /**
   * Writes {@code manifest} into {@code folder} of {@code store} under its point's name: to a
   * temporary file, synced, then in place of the old manifest. Stores never replace a file by a
   * rename, so the old one is deleted just before; a crash between the two leaves only the synced
   * temporary file, which {@link #in} and {@link #read} then put in place. A reader sees the old or
   * the new manifest.
   *
   * @return the manifest's name in the store
   */
  public static String write(ImageStore store, String folder, PointManifest manifest)
      throws IOException {
    return write(store, folder, manifest.point(), text(manifest));
  }

  /** The manifest as its file holds it. */
  public static String text(PointManifest manifest) {
    return JsonText.write(manifest.toMap());
  }

  /**
   * {@link #write(ImageStore, String, PointManifest)} of a manifest's {@link #text} built elsewhere
   * (the hub builds the manifests of a repository placed on a node, the node writes them).
   */
  public static String write(ImageStore store, String folder, String point, String text)
      throws IOException {
    store.createDirectories(folder);
    String target = ImageNames.join(folder, fileName(point));
    String tmp = target + TMP;
    byte[] json = text.getBytes(StandardCharsets.UTF_8);
    store.deleteIfExists(tmp);
    try (ImageChannel ch = store.create(tmp)) {
      ch.write(ByteBuffer.wrap(json), 0);
      ch.sync();
    }
    store.deleteIfExists(target);
    store.rename(tmp, target);
    store.syncFolder(folder);
    return target;
  }

  /** Same as {@link #write(ImageStore, String, PointManifest)} in a local folder. */
  public static Path write(Path folder, PointManifest manifest) throws IOException {
    LocalImageStore store = new LocalImageStore(folder);
    return store.path(write(store, "", manifest));
  }

  /**
   * Reads the manifest {@code name} of {@code store}.
   *
   * @throws ManifestException naming the file and the problem when it is not a valid manifest
   * @throws NoSuchFileException when there is none
   */
  public static PointManifest read(ImageStore store, String name) throws IOException {
    finishReplace(store, name);
    Optional<ImageEntry> entry = store.stat(name);
    if (entry.isEmpty() || entry.get().directory()) {
      throw new NoSuchFileException(store.location(name), null, "no such manifest");
    }
    if (entry.get().size() > JsonText.MAX_LENGTH) {
      throw new ManifestException(store.location(name), "is larger than a manifest can be");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) entry.get().size());
    try (ImageChannel ch = store.open(name, false)) {
      int from = ch.readOrZero(bytes, 0);
      if (from < bytes.capacity()) {
        throw new ManifestException(store.location(name), "ended while it was being read");
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes.flip())
              .toString();
      return ManifestReader.read(text);
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new ManifestException(store.location(name), e.getMessage());
    }
  }

  /** Same as {@link #read(ImageStore, String)} for a local file. */
  public static PointManifest read(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    return read(new LocalImageStore(abs.getParent()), abs.getFileName().toString());
  }

  /** Deletes a point's manifest (and a leftover temporary copy); false if there was none. */
  public static boolean delete(ImageStore store, String folder, String point) throws IOException {
    String name = ImageNames.join(folder, fileName(point));
    boolean tmp = store.deleteIfExists(name + TMP);
    return store.deleteIfExists(name) || tmp;
  }

  /** The manifests in the folders directly below a repository's root, sorted by name. */
  public static List<String> find(ImageStore store) throws IOException {
    List<String> found = new ArrayList<>();
    for (ImageEntry e : store.list("")) {
      if (e.directory()) {
        found.addAll(in(store, e.name()));
      }
    }
    found.sort(null);
    return found;
  }

  /** The manifests in one folder, sorted by name. */
  public static List<String> in(ImageStore store, String folder) throws IOException {
    List<String> found = new ArrayList<>();
    for (ImageEntry e : store.list(folder)) {
      if (e.directory()) {
        continue;
      }
      String n = e.name();
      if (n.endsWith(SUFFIX + TMP)) {
        String target = n.substring(0, n.length() - TMP.length());
        if (finishReplace(store, target) && !found.contains(target)) {
          found.add(target);
        }
      } else if (n.endsWith(SUFFIX) && !found.contains(n)) {
        found.add(n);
      }
    }
    found.sort(null);
    return found;
  }

  /** Same as {@link #in(ImageStore, String)} for a local folder; local paths. */
  public static List<Path> in(Path folder) throws IOException {
    LocalImageStore store = new LocalImageStore(folder);
    return in(store, "").stream().map(store::path).toList();
  }

  /**
   * Completes a replacement a crash interrupted: a synced temporary copy with no manifest beside it
   * is the new manifest. A temporary copy beside an existing manifest is an unfinished write and is
   * removed. Returns whether the manifest exists now.
   */
  private static boolean finishReplace(ImageStore store, String name) throws IOException {
    String tmp = name + TMP;
    if (!store.isFile(tmp)) {
      return store.isFile(name);
    }
    if (store.isFile(name)) {
      store.deleteIfExists(tmp);
      return true;
    }
    try {
      readTemporary(store, tmp);
    } catch (ManifestException e) {
      store.deleteIfExists(tmp);
      return false;
    }
    store.rename(tmp, name);
    store.syncFolder(ImageNames.parent(name));
    return true;
  }

  private static void readTemporary(ImageStore store, String tmp) throws IOException {
    long size = store.stat(tmp).map(ImageEntry::size).orElse(0L);
    if (size == 0 || size > JsonText.MAX_LENGTH) {
      throw new ManifestException(store.location(tmp), "is not a complete manifest");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) size);
    try (ImageChannel ch = store.open(tmp, false)) {
      ch.readOrZero(bytes, 0);
    }
    try {
      ManifestReader.read(new String(bytes.array(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new ManifestException(store.location(tmp), e.getMessage());
    }
  }
}
