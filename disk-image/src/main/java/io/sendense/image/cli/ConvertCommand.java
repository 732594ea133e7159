package io.sendense.image.cli;

import io.sendense.image.luks.Passphrase;
import io.sendense.image.qcow2.Compression;
import io.sendense.image.qcow2.DiskCopier;
import io.sendense.image.qcow2.DiskSource;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.qcow2.RawFileSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code convert SRC DST.qcow2}: a raw file or QCOW2 chain into a new restore point. With {@code
 * --backing} it is a content-compare incremental: only clusters that differ from the parent chain
 * are written (for sources without changed-block tracking).
 */
final class ConvertCommand implements Command {
  private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

  @Override
  public String name() {
    return "convert";
  }

  @Override
  public String usage() {
    return "SRC DST.qcow2 [--backing PARENT.qcow2] [--compress zstd|none] [--cluster-size N]"
        + " [--threads N] [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "raw file or QCOW2 chain to a new QCOW2 (full, or incremental against --backing)";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args =
        Args.parse(
            raw, Set.of("backing", "compress", "cluster-size", "threads", Args.PASSPHRASE_FILE));
    List<String> p = args.positional(2);
    Path target = Path.of(p.get(1));
    String backing = args.option("backing", null);
    int threads =
        (int) args.size("threads", Math.max(2, Runtime.getRuntime().availableProcessors()), 256);
    Compression compression = compression(args.option("compress", "none"));
    int cluster =
        (int) args.size("cluster-size", Qcow2Options.DEFAULT_CLUSTER_SIZE, Integer.MAX_VALUE);
    Passphrase passphrase = args.passphrase();
    options(512, cluster, compression, null, passphrase);
    long started = System.nanoTime();
    try (DiskSource source = open(Path.of(p.get(0)), passphrase);
        Qcow2Chain parent =
            backing == null ? null : Qcow2Chain.open(Path.of(backing), passphrase)) {
      Qcow2Options options = options(source.size(), cluster, compression, backing, passphrase);
      DiskCopier.Result result;
      long copied;
      try (Qcow2Writer writer = Qcow2Writer.create(target, options)) {
        try {
          result = DiskCopier.copy(source, writer, parent, threads);
          copied = System.nanoTime();
          writer.commit();
        } catch (Exception e) {
          writer.abort();
          throw e;
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("target", target.toString());
      out.put("virtualSize", options.virtualSize());
      out.put("clusterSize", options.clusterSize());
      out.put("compression", options.compression().name().toLowerCase());
      out.put("encrypted", options.encrypted());
      out.put("backing", backing);
      out.put("bytesRead", result.bytesRead());
      out.put("bytesWritten", result.bytesWritten());
      out.put("fileSize", Files.size(target));
      out.put("copySeconds", (copied - started) / 1e9);
      out.put("commitSeconds", (System.nanoTime() - copied) / 1e9);
      console.out().println(Json.write(out));
    }
    return OK;
  }

  private static Compression compression(String name) {
    return switch (name) {
      case "none" -> Compression.NONE;
      case "zstd" -> Compression.ZSTD;
      default -> throw new UsageException("--compress must be zstd or none, not " + name);
    };
  }

  private static Qcow2Options options(
      long size, int cluster, Compression c, String backing, Passphrase passphrase) {
    try {
      Qcow2Options o = new Qcow2Options(size, cluster, null, c, passphrase);
      return backing == null ? o : o.withBackingFile(Path.of(backing));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A QCOW2 chain if the file starts with the QCOW2 magic, else a raw disk. */
  static DiskSource open(Path src, Passphrase passphrase) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(src)) {
      head = in.readNBytes(4);
    }
    if (java.util.Arrays.equals(head, QCOW2_MAGIC)) {
      return Qcow2Chain.open(src, passphrase);
    }
    return new RawFileSource(src);
  }
}
