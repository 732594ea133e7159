package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** TEST FAKE of the hub's restore catalog: requests and outcomes in memory. */
final class InMemoryRestoreCatalog implements RestoreCatalogPort {
  /** What the catalog knows of one restore. */
  static final class Entry {
    volatile RestoreRequest request;
    volatile RestoreCheck check;
    volatile String status = "QUEUED";
    volatile String error;
    volatile String warning;
    volatile boolean cancel;
    final List<RestoreProgress> progress = new CopyOnWriteArrayList<>();
  }

  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

  void add(RestoreRequest request) {
    Entry e = new Entry();
    e.request = request;
    entries.put(request.restoreId(), e);
  }

  Entry entry(long id) {
    return entries.get(id);
  }

  @Override
  public RestoreRequest request(long restoreId) {
    Entry e = entries.get(restoreId);
    if (e == null) {
      throw new IllegalArgumentException("no restore " + restoreId);
    }
    return e.request;
  }

  @Override
  public void resolved(long restoreId, RestoreCheck check) {
    entries.get(restoreId).check = check;
  }

  @Override
  public synchronized void vmCreated(long restoreId, RestoredVm vm) {
    update(restoreId, vm, null, request(restoreId).originalRemoved());
  }

  @Override
  public synchronized void vmRemoved(long restoreId) {
    RestoreRequest r = request(restoreId);
    List<RestoreRequest.Disk> disks = new ArrayList<>();
    r.disks()
        .forEach(
            d ->
                disks.add(
                    new RestoreRequest.Disk(
                        d.key(), d.index(), d.label(), d.capacityBytes(), false)));
    entries.get(restoreId).request = copy(r, null, disks, r.originalRemoved());
  }

  @Override
  public synchronized void diskUploaded(long restoreId, int diskKey, long bytesSent, long ms) {
    RestoreRequest r = request(restoreId);
    update(restoreId, r.createdVm(), diskKey, r.originalRemoved());
  }

  @Override
  public synchronized void originalRemoved(long restoreId) {
    RestoreRequest r = request(restoreId);
    update(restoreId, r.createdVm(), null, true);
  }

  private void update(long restoreId, RestoredVm vm, Integer uploadedKey, boolean originalRemoved) {
    RestoreRequest r = request(restoreId);
    List<RestoreRequest.Disk> disks = new ArrayList<>();
    for (RestoreRequest.Disk d : r.disks()) {
      boolean up = d.uploaded() || (uploadedKey != null && d.key() == uploadedKey);
      disks.add(new RestoreRequest.Disk(d.key(), d.index(), d.label(), d.capacityBytes(), up));
    }
    entries.get(restoreId).request = copy(r, vm, disks, originalRemoved);
  }

  static RestoreRequest copy(
      RestoreRequest r, RestoredVm vm, List<RestoreRequest.Disk> disks, boolean originalRemoved) {
    return new RestoreRequest(
        r.restoreId(),
        r.backupId(),
        r.sourceId(),
        r.targetName(),
        r.placement(),
        r.networkMap(),
        r.diskProvisioning(),
        r.powerOn(),
        r.replaceVmId(),
        originalRemoved,
        disks,
        vm);
  }

  @Override
  public void completed(long restoreId, String vmId, String vmName, String warning) {
    Entry e = entries.get(restoreId);
    e.status = "COMPLETED";
    e.warning = warning;
  }

  @Override
  public void failed(long restoreId, String reason) {
    Entry e = entries.get(restoreId);
    e.status = "FAILED";
    e.error = reason;
  }

  @Override
  public boolean cancelRequested(long restoreId) {
    return entries.get(restoreId).cancel;
  }

  @Override
  public void progress(RestoreProgress progress) {
    entries.get(progress.restoreId()).progress.add(progress);
  }
}
