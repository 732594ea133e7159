import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Content compare for incrementals without changed block tracking, two ways, on one thread (the
 * backup job writes each disk from one thread), over a disk that did not change since its parent:
 *
 * <ul>
 *   <li>bytes: {@code Qcow2Writer.writeIfChanged} reads the parent chain's cluster and compares
 *       bytes (what the product does);
 *   <li>hash: SHA-256 of each new cluster compared with the parent's cluster hashes, assumed stored
 *       with the parent and already in memory (the best case for hashing: no parent reads at all).
 * </ul>
 *
 * Both read the new data from the same raw file; "read only" is that read alone, the floor.
 * Prints MiB/s and the ratios; best of REPEAT runs. Usage: CompareBench RAW PARENT WORKDIR REPEAT
 */
public class CompareBench {
  private static final int CHUNK = 8 << 20;
  private static final int CLUSTER = 64 << 10;

  public static void main(String[] args) throws Exception {
    Path raw = Path.of(args[0]);
    Path parent = Path.of(args[1]);
    Path work = Path.of(args[2]);
    int repeat = Integer.parseInt(args[3]);
    long size = Files.size(raw);
    byte[][] parentHashes = hashes(raw, size);
    double read = 1e9, bytes = 1e9, hash = 1e9;
    for (int i = 0; i < repeat; i++) {
      read = Math.min(read, readOnly(raw, size));
      bytes = Math.min(bytes, bytesCompare(raw, parent, work.resolve("top.qcow2"), size));
      hash = Math.min(hash, hashCompare(raw, size, parentHashes));
    }
    double mib = size / (double) (1 << 20);
    System.out.printf("read only      %6.2f s  %7.0f MiB/s%n", read, mib / read);
    System.out.printf("bytes compare  %6.2f s  %7.0f MiB/s%n", bytes, mib / bytes);
    System.out.printf("hash compare   %6.2f s  %7.0f MiB/s%n", hash, mib / hash);
    System.out.printf("hash / bytes time: %.2f (above 1: bytes compare is faster)%n", hash / bytes);
  }

  private static double readOnly(Path raw, long size) throws Exception {
    long t = System.nanoTime();
    try (FileChannel in = FileChannel.open(raw)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
      for (long at = 0; at < size; at += CHUNK) {
        in.read(buf.clear(), at);
      }
    }
    return (System.nanoTime() - t) / 1e9;
  }

  private static double bytesCompare(Path raw, Path parent, Path top, long size)
      throws Exception {
    Files.deleteIfExists(top);
    Files.deleteIfExists(Qcow2Writer.partialPath(top));
    long t = System.nanoTime();
    long written = 0;
    try (FileChannel in = FileChannel.open(raw);
        Qcow2Writer w = Qcow2Writer.create(top, Qcow2Options.full(size).withBackingFile(parent))) {
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
      for (long at = 0; at < size; at += CHUNK) {
        in.read(buf.clear(), at);
        written += w.writeIfChanged(at, buf.flip());
      }
      w.commit();
    }
    double s = (System.nanoTime() - t) / 1e9;
    if (written != 0) {
      throw new IllegalStateException("an unchanged disk wrote " + written + " bytes");
    }
    return s;
  }

  private static double hashCompare(Path raw, long size, byte[][] parentHashes) throws Exception {
    long t = System.nanoTime();
    long differ = 0;
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (FileChannel in = FileChannel.open(raw)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
      for (long at = 0; at < size; at += CHUNK) {
        in.read(buf.clear(), at);
        buf.flip();
        for (int c = 0; c < buf.limit(); c += CLUSTER) {
          sha.update(buf.slice(c, Math.min(CLUSTER, buf.limit() - c)));
          if (!Arrays.equals(sha.digest(), parentHashes[(int) ((at + c) / CLUSTER)])) {
            differ++;
          }
        }
      }
    }
    double s = (System.nanoTime() - t) / 1e9;
    if (differ != 0) {
      throw new IllegalStateException(differ + " clusters differ");
    }
    return s;
  }

  private static byte[][] hashes(Path raw, long size) throws Exception {
    byte[][] out = new byte[(int) ((size + CLUSTER - 1) / CLUSTER)][];
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (FileChannel in = FileChannel.open(raw)) {
      ByteBuffer buf = ByteBuffer.allocate(CLUSTER);
      for (int i = 0; i < out.length; i++) {
        in.read(buf.clear(), (long) i * CLUSTER);
        out[i] = sha.digest(Arrays.copyOf(buf.array(), buf.position()));
      }
    }
    return out;
  }
}
