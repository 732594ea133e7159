import io.sendense.batch.copy.CopyPlan;
import io.sendense.batch.copy.ImageCopier;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.store.LocalImageStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of one restore point image into another repository (two local folders), as the
 * copy-backup job makes it: the byte copy (hashed while read, synced, read back and verified on the
 * target, renamed) and the flattened full (written by the QCOW2 writer, compared with the source
 * chain). Prints seconds of the best of REPEAT runs. Usage: CopyBench SOURCE_DIR NAME TARGET_DIR
 * REPEAT
 */
public class CopyBench {
  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    String name = args[1];
    Path target = Path.of(args[2]);
    int repeat = Integer.parseInt(args[3]);
    LocalImageStore from = new LocalImageStore(source);
    ImageFacts facts = ImageFacts.read(from, name);
    ImageCopier.Progress none =
        new ImageCopier.Progress() {
          @Override
          public void copied(long bytes) {}

          @Override
          public boolean stopRequested() {
            return false;
          }
        };
    double bytes = 1e9;
    double flat = 1e9;
    for (int i = 0; i < repeat; i++) {
      Files.deleteIfExists(target.resolve(name));
      long t = System.nanoTime();
      ImageCopier.copy(
          from, new LocalImageStore(target), new CopyPlan.Image(1, 0, name, facts, false, false), none);
      bytes = Math.min(bytes, (System.nanoTime() - t) / 1e9);
      Files.deleteIfExists(target.resolve(name));
      t = System.nanoTime();
      ImageCopier.copy(
          from, new LocalImageStore(target), new CopyPlan.Image(1, 0, name, null, true, false), none);
      flat = Math.min(flat, (System.nanoTime() - t) / 1e9);
    }
    System.out.printf("byte copy + verify   %6.2f s  %7.0f MiB/s of file%n", bytes, facts.fileSize() / 1048576.0 / bytes);
    System.out.printf("flattened full copy  %6.2f s%n", flat);
  }
}
