package io.sendense.batch.copy;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.RepositoryPort;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Step {@code copy}: copies every image of the plan that is not yet on the target ({@link
 * ImageCopier}: verified there before it gets its name), records each as it is verified, and
 * completes each copy once all its images are; the VM configuration file goes along. A restart
 * continues with the images not yet recorded. Stop is honoured between blocks.
 */
@Dependent
@Named
public class CopyBackupImagesBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject CopyRuns runs;
  @Inject Instance<CopyCatalogPort> catalog;
  @Inject RepositoryPort repositories;

  @Override
  public String process() throws Exception {
    CopyRun run = runs.get(jobContext.getExecutionId());
    run.progress.phase(BackupPhase.TRANSFER);
    try {
      CopyPlan plan = run.plan();
      ImageStore source = run.keep(repositories.openForReading(plan.sourceRepositoryId()));
      ImageStore target = run.keep(repositories.open(plan.targetRepositoryId()));
      for (CopyPlan.Point point : plan.points()) {
        long started = System.nanoTime();
        long before = run.progress.bytesDone();
        for (CopyPlan.Image image : point.images()) {
          if (!image.done()) {
            ImageFacts facts = ImageCopier.copy(source, target, image, run.progress);
            catalog.get().imageCopied(image.copyDiskId(), facts);
          }
        }
        copyConfig(source, target, point.configFile());
        run.progress.phase(BackupPhase.FINALIZE);
        catalog
            .get()
            .pointCopied(
                point.copyBackupId(),
                run.progress.bytesDone() - before,
                (System.nanoTime() - started) / 1_000_000);
        run.completed(point.copyBackupId());
        run.progress.phase(BackupPhase.TRANSFER);
      }
      return "COPIED " + plan.points().size();
    } catch (Exception e) {
      run.noteFailure("copy", e);
      throw e;
    }
  }

  @Override
  public void stop() {
    runs.get(jobContext.getExecutionId()).progress.stop();
  }

  /** The point's VM configuration, replaced on the target (a small file, written then renamed). */
  private static void copyConfig(ImageStore source, ImageStore target, String name)
      throws IOException {
    if (name == null || !source.isFile(name)) {
      return;
    }
    byte[] bytes;
    try (ImageChannel in = source.open(name, false)) {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(in.size(), 16 << 20));
      in.readOrZero(b, 0);
      bytes = b.array();
    }
    String temp = name + ".tmp";
    target.deleteIfExists(temp);
    try (ImageChannel out = target.create(temp)) {
      out.write(ByteBuffer.wrap(bytes), 0);
      out.sync();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + name + " on the target", e);
    }
    target.deleteIfExists(name);
    target.rename(temp, name);
  }
}
