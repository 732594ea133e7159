package io.sendense.webapp.group;

import io.sendense.webapp.common.Refusal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dynamic membership of a group, evaluated each time a flow runs: {@code name:web-*} (a name
 * pattern with {@code *} and {@code ?}, case-insensitive), {@code folder:/DC0/vm/prod} (the folder
 * and everything below it) or {@code tag:gold} (a vSphere tag, case-insensitive).
 */
public record MembershipRule(Kind kind, String value) {

  /** What a rule looks at. */
  public enum Kind {
    NAME,
    FOLDER,
    TAG
  }

  /**
   * Parses the stored form {@code kind:value}; blank means no rule.
   *
   * @throws Refusal (400) saying what a rule looks like
   */
  public static MembershipRule parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon).strip().toUpperCase(Locale.ROOT);
    String value = colon < 0 ? "" : text.substring(colon + 1).strip();
    if (Arrays.stream(Kind.values()).noneMatch(k -> k.name().equals(kind)) || value.isEmpty()) {
      throw new Refusal(
          400,
          "Membership rule '"
              + text
              + "' is not understood; write name:<pattern>, folder:<path> or tag:<tag>");
    }
    if (value.length() > 900) {
      throw new Refusal(400, "Membership rule is longer than 900 characters");
    }
    return new MembershipRule(Kind.valueOf(kind), value);
  }

  /** Whether a VM with this name, folder and comma-separated tags belongs to the group. */
  public boolean matches(String name, String folderPath, String tags) {
    return switch (kind) {
      case NAME -> name != null && glob(value).matcher(name).matches();
      case FOLDER -> folderPath != null && inFolder(folderPath);
      case TAG ->
          tags != null
              && Arrays.stream(tags.split(","))
                  .map(String::strip)
                  .anyMatch(value::equalsIgnoreCase);
    };
  }

  private boolean inFolder(String folderPath) {
    String folder = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    return folderPath.equals(folder) || folderPath.startsWith(folder + "/");
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** The stored form. */
  public String text() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
  }
}
