package io.sendense.image.cli;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code ls IMAGE PARTITION [PATH]}: a folder of a guest file system (or one entry). */
final class LsCommand implements Command {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public String name() {
    return "ls";
  }

  @Override
  public String usage() {
    return "IMAGE PARTITION [PATH] [--json] [--passphrase-file FILE]";
  }

  @Override
  public String summary() {
    return "list a folder of a partition: type, size, modified (UTC), name";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Args args = Args.parse(raw, Set.of(Args.PASSPHRASE_FILE), Set.of("json"));
    List<String> p = args.positional(2, 3);
    GuestPath path = GuestImage.path(p.size() == 3 ? p.get(2) : "");
    try (GuestImage image = GuestImage.open(p.get(0), args.passphrase())) {
      GuestFileSystem fs = image.fileSystem(p.get(1));
      GuestEntry self = fs.stat(path);
      List<GuestEntry> entries = self.isDirectory() ? fs.list(path) : List.of(self);
      if (args.flag("json")) {
        List<Object> out = new ArrayList<>();
        for (GuestEntry e : entries) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", e.name());
          m.put("path", e.path().toString());
          m.put("type", e.kind().name().toLowerCase(Locale.ROOT));
          m.put("size", e.size());
          m.put("modified", e.modified() == null ? null : e.modified().toString());
          m.put("linkTarget", e.linkTarget());
          m.put("unsupported", e.unsupported());
          out.add(m);
        }
        console.out().println(Json.write(out));
      } else {
        for (GuestEntry e : entries) {
          console.out().println(line(e));
        }
      }
    }
    return OK;
  }

  static String line(GuestEntry e) {
    String type =
        switch (e.kind()) {
          case DIRECTORY -> "d";
          case SYMLINK -> "l";
          case FILE -> "-";
          case OTHER -> "?";
        };
    String time = e.modified() == null ? "-" : TIME.format(e.modified());
    String name = e.linkTarget() == null ? e.name() : e.name() + " -> " + e.linkTarget();
    String note = e.unsupported() == null ? "" : "  (not readable: " + e.unsupported() + ")";
    return String.format("%s %14d  %19s  %s%s", type, e.size(), time, name, note);
  }
}
