package io.sendense.image.cli;

import io.sendense.image.point.ManifestException;
import io.sendense.image.point.PointVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code verify POINT_MANIFEST}: verifies a restore point without the hub, from its sidecar
 * manifest: every image of its chains against the size, QCOW2 facts and SHA-256 recorded when it
 * was written. Exit 0 verified, 2 corrupt, 3 missing files, 4 when an image's hash is not recorded
 * yet (the hub records it right after the backup: verify again later), 1 when the manifest cannot
 * be read.
 */
final class VerifyCommand implements Command {
  static final int CORRUPT = 2;
  static final int MISSING = 3;
  static final int HASH_PENDING = 4;

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String usage() {
    return "POINT.point.json";
  }

  @Override
  public String summary() {
    return "a restore point's chain against its manifest; exit 0 verified, 2 corrupt, 3 missing,"
        + " 4 hash not recorded yet";
  }

  @Override
  public int run(List<String> raw, Console console) throws Exception {
    Path manifest = Path.of(Args.parse(raw, Set.of()).positional(1).get(0));
    PointVerifier.Outcome outcome;
    try {
      outcome = PointVerifier.verify(manifest);
    } catch (ManifestException | java.nio.file.NoSuchFileException e) {
      console.err().println("error: " + e.getMessage());
      return IMAGE_ERROR;
    }
    List<Object> images = new ArrayList<>();
    for (PointVerifier.ImageOutcome i : outcome.images()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", i.file());
      m.put("point", i.point());
      m.put("status", i.status());
      m.put("detail", i.detail());
      images.add(m);
      if (!i.status().equals("OK")) {
        console.err().println(i.status() + ": " + i.detail());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("point", outcome.point());
    out.put("status", outcome.status().name());
    out.put("images", images);
    console.out().println(Json.write(out));
    return switch (outcome.status()) {
      case VERIFIED -> OK;
      case CORRUPT -> CORRUPT;
      case MISSING -> MISSING;
      case HASH_PENDING -> HASH_PENDING;
    };
  }
}
