package io.sendense.image.cli;

import io.sendense.image.qcow2.AllocatedRange;
import io.sendense.image.qcow2.Qcow2Chain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code map FILE}: allocated ranges of a chain as JSON, in the spirit of {@code qemu-img map}. */
final class MapCommand implements Command {
  @Override
  public String name() {
    return "map";
  }

  @Override
  public String usage() {
    return "FILE.qcow2";
  }

  @Override
  public String summary() {
    return "allocated ranges: start, length, depth in the chain, zero or data, file (JSON)";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Path file = Path.of(Args.parse(raw, Set.of()).positional(1).get(0));
    try (Qcow2Chain chain = Qcow2Chain.open(file)) {
      List<Object> ranges = new ArrayList<>();
      for (AllocatedRange r : chain.map().ranges()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", r.start());
        m.put("length", r.length());
        m.put("depth", r.depth());
        m.put("zero", r.zero());
        m.put("data", !r.zero());
        m.put("file", r.file().toString());
        ranges.add(m);
      }
      console.out().println(Json.write(ranges));
    }
    return OK;
  }
}
