package io.sendense.image.cli;

import io.sendense.image.qcow2.AllocationMap;
import io.sendense.image.qcow2.Qcow2Chain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code info FILE}: virtual size, cluster size, the backing chain and allocated bytes, as JSON.
 */
final class InfoCommand implements Command {
  @Override
  public String name() {
    return "info";
  }

  @Override
  public String usage() {
    return "FILE.qcow2";
  }

  @Override
  public String summary() {
    return "virtual size, cluster size, backing chain and allocated bytes (JSON)";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Path file = Path.of(Args.parse(raw, Set.of()).positional(1).get(0));
    try (Qcow2Chain chain = Qcow2Chain.open(file)) {
      AllocationMap map = chain.map();
      List<Object> images = new ArrayList<>();
      for (int depth = 0; depth < chain.images().size(); depth++) {
        Path image = chain.images().get(depth);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", image.toString());
        m.put("depth", depth);
        m.put("fileSize", Files.size(image));
        int d = depth;
        m.put(
            "allocatedBytes",
            map.ranges().stream()
                .filter(r -> r.depth() == d && !r.zero())
                .mapToLong(r -> r.length())
                .sum());
        images.add(m);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("file", file.toString());
      out.put("format", "qcow2");
      out.put("virtualSize", chain.virtualSize());
      out.put("clusterSize", chain.clusterSize());
      out.put("allocatedBytes", map.dataBytes());
      out.put("chain", images);
      console.out().println(Json.write(out));
    }
    return OK;
  }
}
