package io.sendense.image.cli;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** {@code cat IMAGE PARTITION PATH}: the raw bytes of one guest file to standard output. */
final class CatCommand implements Command {
  @Override
  public String name() {
    return "cat";
  }

  @Override
  public String usage() {
    return "IMAGE PARTITION PATH [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "write the content of a file in a partition to stdout";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args = Args.parse(raw, Set.of(Args.PASSPHRASE_FILE));
    List<String> p = args.positional(3);
    try (GuestImage image = GuestImage.open(p.get(0), args.passphrase());
        InputStream in = image.fileSystem(p.get(1)).open(GuestImage.path(p.get(2)))) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        console.rawOut().write(buffer, 0, n);
      }
      console.rawOut().flush();
    }
    return OK;
  }
}
