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
   * Parses {@code raw}, with options in {@code known} and value-less flags in {@code flagNames}. An
   * option's value follows it ({@code --backing P}) or is joined with {@code =} ({@code
   * --backing=P}); {@code --} ends the options, so that a file whose name starts with {@code -} can
   * be named after it. A single-dash word other than {@code -} (stdout, for commands that write) is
   * refused: this tool has no short options, and a typo must not become a file name.
   */
  public static Args parse(List<String> raw, Set<String> known, Set<String> flagNames) {
    Args a = new Args();
    boolean optionsEnded = false;
    for (int i = 0; i < raw.size(); i++) {
      String arg = raw.get(i);
      if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
        a.positional.add(arg);
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (!arg.startsWith("--")) {
        throw new UsageException(
            "unknown option " + arg + " (put -- before a file name that starts with -)");
      } else {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        if (flagNames.contains(name)) {
          if (eq >= 0) {
            throw new UsageException("option --" + name + " takes no value");
          }
          a.flags.add(name);
          continue;
        }
        if (!known.contains(name)) {
          throw new UsageException("unknown option --" + name);
        }
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < raw.size() && !raw.get(i + 1).startsWith("--")) {
          value = raw.get(++i);
        } else {
          throw new UsageException("option --" + name + " needs a value");
        }
        if (a.options.putIfAbsent(name, value) != null) {
          throw new UsageException("option --" + name + " is given twice");
        }
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

  /**
   * A positive size option such as {@code 65536}, {@code 64k}, {@code 2M} or {@code 1G} (binary
   * units), at most {@code max}.
   */
  public long size(String name, long fallback, long max) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    String bad = "--" + name + " must be a positive number, optionally with k, M or G: '" + v + "'";
    if (v.isEmpty()) {
      throw new UsageException(bad);
    }
    int shift =
        switch (Character.toLowerCase(v.charAt(v.length() - 1))) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new UsageException(bad);
    }
    long value;
    try {
      value = Math.multiplyExact(Long.parseLong(digits), 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      value = Long.MAX_VALUE;
    }
    if (value <= 0) {
      throw new UsageException(bad);
    }
    if (value > max) {
      throw new UsageException("--" + name + " is at most " + max + ": '" + v + "'");
    }
    return value;
  }
}
