package io.sendense.image.cli;

import io.sendense.image.guest.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code partitions IMAGE}: the volumes of a disk image and the file system on each. */
final class PartitionsCommand implements Command {
  @Override
  public String name() {
    return "partitions";
  }

  @Override
  public String usage() {
    return "IMAGE [--json] [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "volumes of a QCOW2 chain or raw disk: id, name, offset, size, file system, label";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args = Args.parse(raw, Set.of(Args.PASSPHRASE_FILE), Set.of("json"));
    try (GuestImage image = GuestImage.open(args.positional(1).get(0), args.passphrase())) {
      List<Volume> volumes = image.disk().volumes();
      if (args.flag("json")) {
        List<Object> out = new ArrayList<>();
        for (Volume v : volumes) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", v.id());
          m.put("name", v.displayName());
          m.put("offset", v.offset());
          m.put("size", v.size());
          m.put("partitionType", v.typeName());
          m.put("fileSystem", v.fileSystemType());
          m.put("label", v.label());
          m.put("status", v.status().name().toLowerCase(Locale.ROOT));
          m.put("reason", v.reason());
          out.add(m);
        }
        console.out().println(Json.write(out));
      } else {
        String row = "%-10s %-44s %14s %16s  %-8s %-16s %s%n";
        console.out().printf(row, "ID", "NAME", "OFFSET", "SIZE", "FS", "LABEL", "NOTE");
        for (Volume v : volumes) {
          String fs =
              v.readable() ? v.fileSystemType() : v.status().name().toLowerCase(Locale.ROOT);
          console
              .out()
              .printf(
                  row,
                  v.id(),
                  v.displayName(),
                  v.offset(),
                  v.size(),
                  fs,
                  v.label(),
                  v.reason() == null ? "" : v.reason());
        }
      }
      image.disk().warnings().forEach(w -> console.err().println("warning: " + w));
    }
    return OK;
  }
}
