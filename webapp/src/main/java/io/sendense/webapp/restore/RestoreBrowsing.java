package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestPath;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Restore page is inside an open disk: the partition list, or a folder of one partition
 * with its entries, the breadcrumb to it, and the selected entries. Holds ids only; every read goes
 * through the restore session.
 */
public class RestoreBrowsing implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One step of the breadcrumb: the disk (partition null), a partition root, or a folder. */
  public record Crumb(String label, String partitionId, String path) implements Serializable {}

  private String mountId;
  private String owner;
  private String diskLabel;
  private List<PartitionDto> partitions = List.of();
  private String partitionId;
  private String partitionName;
  private String path = "";
  private List<FileEntryDto> entries = List.of();
  private List<FileEntryDto> selection = new ArrayList<>();
  private String findName;
  private FileSearch.Result found;

  void start(RestoreSession session) {
    mountId = session.id();
    owner = session.owner();
    diskLabel = "Disk " + session.target().diskIndex();
    partitions = GuestFiles.partitions(session);
    partitionId = null;
    found = null;
    entries = List.of();
    selection = new ArrayList<>();
  }

  void clear() {
    mountId = null;
    found = null;
    partitions = List.of();
    partitionId = null;
    entries = List.of();
    selection = new ArrayList<>();
  }

  void openPartition(RestoreSession session, PartitionDto partition) {
    GuestFiles.fileSystem(session, partition.id());
    partitionId = partition.id();
    partitionName = partition.name();
    found = null;
    openFolder(session, "");
  }

  void openFolder(RestoreSession session, String folder) {
    entries = GuestFiles.list(GuestFiles.fileSystem(session, partitionId), GuestFiles.path(folder));
    path = folder;
    selection = new ArrayList<>();
  }

  /**
   * Finds entries named like the search box's text in the folder being browsed and below it (the
   * whole partition at its root).
   */
  void find(RestoreSessions sessions, RestoreSession session) {
    found = null;
    found = sessions.search(session, partitionId, findName, path, null);
  }

  /** Where a search starts, as the page names it: {@code /} or {@code /docs/sub}. */
  public String getFindFolder() {
    return "/" + path;
  }

  /** Browses to the folder that holds {@code match}, a result of {@link #find}. */
  void openFolderOf(RestoreSession session, FileEntryDto match) {
    openFolder(session, folderOf(match));
  }

  /** The folder of {@code match} from the partition's root, without a leading {@code /}. */
  public static String folderOf(FileEntryDto match) {
    return GuestPath.parse(match.path()).parent().toString();
  }

  void go(RestoreSession session, Crumb crumb) {
    if (crumb.partitionId() == null) {
      partitionId = null;
      found = null;
      entries = List.of();
      selection = new ArrayList<>();
      return;
    }
    openFolder(session, crumb.path());
  }

  public List<Crumb> getCrumbs() {
    List<Crumb> crumbs = new ArrayList<>();
    if (mountId == null) {
      return crumbs;
    }
    crumbs.add(new Crumb(diskLabel, null, ""));
    if (partitionId != null) {
      crumbs.add(new Crumb(partitionName, partitionId, ""));
      List<String> segments = GuestPath.parse(path).segments();
      for (int i = 0; i < segments.size(); i++) {
        crumbs.add(
            new Crumb(segments.get(i), partitionId, String.join("/", segments.subList(0, i + 1))));
      }
    }
    return crumbs;
  }

  String downloadUrl(String contextPath, String entryPath) {
    return contextPath
        + "/restore/download?mount="
        + mountId
        + "&partition="
        + encode(partitionId)
        + "&path="
        + encode(entryPath);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  String mountId() {
    return mountId;
  }

  /** Who opened the session: the view may end outside a request, without a caller. */
  String owner() {
    return owner;
  }

  public boolean isOpen() {
    return mountId != null;
  }

  public boolean isInPartition() {
    return partitionId != null;
  }

  public List<PartitionDto> getPartitions() {
    return partitions;
  }

  public String getPartitionId() {
    return partitionId;
  }

  public String getPath() {
    return path;
  }

  public List<FileEntryDto> getEntries() {
    return entries;
  }

  public List<FileEntryDto> getSelection() {
    return selection;
  }

  public String getFindName() {
    return findName;
  }

  public void setFindName(String findName) {
    this.findName = findName;
  }

  /** The last search's result in this partition, or null. */
  public FileSearch.Result getFound() {
    return found;
  }

  public void setSelection(List<FileEntryDto> selection) {
    this.selection = selection == null ? new ArrayList<>() : new ArrayList<>(selection);
  }
}
