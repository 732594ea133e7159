package io.sendense.image.cli;

import io.sendense.image.qcow2.BackingFile;
import io.sendense.image.qcow2.ImageCommit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code commit FILE.qcow2}: writes every cluster the image defines into its backing file, which
 * then reads as the image does ({@code qemu-img commit -d}); the image itself is left as it was.
 * Images built on the backing file other than this one no longer read as before; images built on
 * this one may be re-pointed to the backing file ({@code qemu-img rebase -u}). Prints what moved.
 */
final class CommitCommand implements Command {
  @Override
  public String name() {
    return "commit";
  }

  @Override
  public String usage() {
    return "FILE.qcow2 [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "write an image's clusters into its backing file (crash-safe, cost: the image's data)";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args = Args.parse(raw, Set.of(Args.PASSPHRASE_FILE));
    Path image = Path.of(args.positional(1).get(0));
    String backing = BackingFile.of(image);
    if (backing == null) {
      throw new UsageException(image + " has no backing file to commit into");
    }
    Path parent = image.toAbsolutePath().getParent().resolve(backing).normalize();
    long started = System.nanoTime();
    ImageCommit.Result r = ImageCommit.commit(image, parent, null, args.passphrase());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("image", image.toString());
    out.put("committedInto", parent.toString());
    out.put("clusters", r.clusters());
    out.put("dataBytes", r.dataBytes());
    out.put("inPlaceBytes", r.inPlaceBytes());
    out.put("metadataBytes", r.metadataBytes());
    out.put("backingFileSize", r.parentFileSize());
    out.put("seconds", (System.nanoTime() - started) / 1e9);
    console.out().println(Json.write(out));
    return OK;
  }
}
