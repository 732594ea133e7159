package io.sendense.image.cli;

import io.sendense.image.qcow2.CheckReport;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Checker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code check FILE}: opens the chain (catching missing or looping parents) and checks every file
 * of it. Exit code 0 when all are clean, 2 on errors, 3 on leaks only (as qemu-img does), 1 when a
 * file cannot be opened at all; the reason goes to stderr, the details to stdout as JSON.
 */
final class CheckCommand implements Command {
  static final int ERRORS = 2;
  static final int LEAKS = 3;

  @Override
  public String name() {
    return "check";
  }

  @Override
  public String usage() {
    return "FILE.qcow2";
  }

  @Override
  public String summary() {
    return "consistency of every image of the chain; exit 0 clean, 2 errors, 3 leaks, 1 unreadable";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Path file = Path.of(Args.parse(raw, Set.of()).positional(1).get(0));
    List<Path> images;
    try (Qcow2Chain chain = Qcow2Chain.open(file)) {
      images = chain.images();
    }
    int code = OK;
    List<Object> reports = new ArrayList<>();
    for (Path image : images) {
      CheckReport r = Qcow2Checker.check(image);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", image.toString());
      m.put("errors", r.errors());
      m.put("leakedClusters", r.leakedClusters());
      reports.add(m);
      for (String e : r.errors()) {
        console.err().println(image + ": " + e);
      }
      if (!r.errors().isEmpty()) {
        code = ERRORS;
      } else if (r.leakedClusters() > 0) {
        console.err().println(image + ": " + r.leakedClusters() + " leaked clusters");
        code = code == OK ? LEAKS : code;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", file.toString());
    out.put("clean", code == OK);
    out.put("images", reports);
    console.out().println(Json.write(out));
    return code;
  }
}
