package io.sendense.image.cli;

import io.sendense.image.qcow2.PointExporter;
import io.sendense.image.qcow2.Qcow2Chain;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/** {@code export TOP.qcow2 OUT.raw|-}: the restore point as a raw disk, a sparse file or stdout. */
final class ExportCommand implements Command {
  @Override
  public String name() {
    return "export";
  }

  @Override
  public String usage() {
    return "CHAIN_TOP.qcow2 OUT.raw|- [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "write the point as a raw disk image (sparse file) or to stdout with -";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args = Args.parse(raw, Set.of(Args.PASSPHRASE_FILE));
    List<String> p = args.positional(2);
    try (Qcow2Chain chain = Qcow2Chain.open(Path.of(p.get(0)), args.passphrase())) {
      if (p.get(1).equals("-")) {
        PointExporter.exportRaw(chain, Channels.newChannel(console.rawOut()));
        console.rawOut().flush();
      } else {
        try (FileChannel out =
            FileChannel.open(
                Path.of(p.get(1)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          PointExporter.exportRaw(chain, out);
          out.force(true);
        }
      }
    }
    return OK;
  }
}
