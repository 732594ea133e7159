package io.sendense.image.cli;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code extract IMAGE PARTITION PATH DEST}: a guest file or folder (recursively) to the host. An
 * existing folder DEST receives the entry under its own name; otherwise DEST is the new entry.
 */
final class ExtractCommand implements Command {
  @Override
  public String name() {
    return "extract";
  }

  @Override
  public String usage() {
    return "IMAGE PARTITION PATH DEST [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "copy a file or folder out of a partition (keeps times, never overwrites)";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args = Args.parse(raw, Set.of(Args.PASSPHRASE_FILE));
    List<String> p = args.positional(4);
    GuestPath path = GuestImage.path(p.get(2));
    Path dest = Path.of(p.get(3));
    try (GuestImage image = GuestImage.open(p.get(0), args.passphrase())) {
      GuestFileSystem fs = image.fileSystem(p.get(1));
      GuestEntry entry = fs.stat(path);
      Path target = Files.isDirectory(dest) && !path.isRoot() ? dest.resolve(path.name()) : dest;
      if (target.getParent() != null && !Files.isDirectory(target.toAbsolutePath().getParent())) {
        throw new UsageException(
            "The folder " + target.toAbsolutePath().getParent() + " does not exist");
      }
      Path root = entry.isDirectory() ? target : target.toAbsolutePath().getParent();
      Extractor extractor = new Extractor(fs, root, console.err());
      extractor.extract(entry, target, 0);
      Extractor.Counts c = extractor.counts();
      console
          .out()
          .printf(
              "extracted %d files (%d bytes), %d folders, %d links to %s;"
                  + " %d skipped, %d failed%n",
              c.files, c.bytes, c.directories, c.symlinks, target, c.skipped, c.failed);
      if (extractor.stopped() != null) {
        console.err().println("error: the extraction is INCOMPLETE: it " + extractor.stopped());
        return IMAGE_ERROR;
      }
      return c.failed == 0 ? OK : IMAGE_ERROR;
    }
  }
}
