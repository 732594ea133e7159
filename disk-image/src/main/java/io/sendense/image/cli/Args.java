package io.sendense.image.cli;

import io.sendense.image.luks.Passphrase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed arguments of one command: positional arguments and {@code --name value} options. Unknown
 * options are rejected so that a typo never silently changes what a command does.
 */
public final class Args {
  private final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();
  private final Set<String> flags = new java.util.HashSet<>();

  private Args() {}

  /** Parses {@code raw}, accepting only the option names in {@code known}. */
  public static Args parse(List<String> raw, Set<String> known) {
    return parse(raw, known, Set.of());
  }

  /**
   * Parses {@code raw}, with options in {@code known} and value-less flags in {@code flagNames}.
   */
  public static Args parse(List<String> raw, Set<String> known, Set<String> flagNames) {
    Args a = new Args();
    for (int i = 0; i < raw.size(); i++) {
      String arg = raw.get(i);
      if (arg.startsWith("--")) {
        String name = arg.substring(2);
        if (flagNames.contains(name)) {
          a.flags.add(name);
          continue;
        }
        if (!known.contains(name)) {
          throw new UsageException("unknown option " + arg);
        }
        if (i + 1 >= raw.size()) {
          throw new UsageException("option " + arg + " needs a value");
        }
        a.options.put(name, raw.get(++i));
      } else {
        a.positional.add(arg);
      }
    }
    return a;
  }

  /** Requires exactly {@code count} positional arguments. */
  public List<String> positional(int count) {
    if (positional.size() != count) {
      throw new UsageException("expected " + count + " arguments, got " + positional.size());
    }
    return positional;
  }

  /** Requires between {@code min} and {@code max} positional arguments. */
  public List<String> positional(int min, int max) {
    if (positional.size() < min || positional.size() > max) {
      throw new UsageException(
          "expected " + min + " to " + max + " arguments, got " + positional.size());
    }
    return positional;
  }

  /** Whether the value-less flag {@code --name} was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** The option naming a passphrase file, for encrypted images. */
  public static final String PASSPHRASE_FILE = "passphrase-file";

  /**
   * The passphrase in the file named by {@code --passphrase-file} (its bytes exactly, as qemu's
   * {@code --object secret,file=} reads them), or null when the option is absent.
   */
  public Passphrase passphrase() throws java.io.IOException {
    String file = options.get(PASSPHRASE_FILE);
    if (file == null) {
      return null;
    }
    try {
      return Passphrase.fromFile(java.nio.file.Path.of(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UsageException("--passphrase-file " + file + " does not exist");
    }
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  /** A size option such as {@code 65536}, {@code 64k} or {@code 2M}. */
  public long size(String name, long fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    long unit =
        switch (Character.toLowerCase(v.charAt(v.length() - 1))) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          default -> 1;
        };
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    try {
      return Long.parseLong(digits) * unit;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number (optionally with k or M): " + v);
    }
  }
}
