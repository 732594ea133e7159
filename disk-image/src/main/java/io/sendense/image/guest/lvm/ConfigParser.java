package io.sendense.image.guest.lvm;

import io.sendense.image.guest.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small tolerant parser for LVM2's text metadata: {@code key = value} with numbers, quoted
 * strings and arrays, nested {@code name { ... }} sections and {@code #} comments. Size and depth
 * are bounded.
 */
final class ConfigParser {
  static final int MAX_DEPTH = 32;
  private static final int MAX_ARRAY = 100_000;
  private final String text;
  private int pos;

  private ConfigParser(String text) {
    this.text = text;
  }

  static ConfigSection parse(String text) throws GuestFsException {
    if (text.length() > MetadataArea.MAX_TEXT) {
      throw new GuestFsException("LVM2 metadata text of " + text.length() + " characters");
    }
    ConfigParser parser = new ConfigParser(text);
    ConfigSection root = new ConfigSection("");
    parser.body(root, 0);
    return root;
  }

  private void body(ConfigSection section, int depth) throws GuestFsException {
    if (depth > MAX_DEPTH) {
      throw error("sections nested deeper than " + MAX_DEPTH);
    }
    while (true) {
      skipBlank();
      if (pos >= text.length()) {
        if (depth > 0) {
          throw error("section " + section.name() + " is not closed");
        }
        return;
      }
      if (text.charAt(pos) == '}') {
        if (depth == 0) {
          throw error("unexpected '}'");
        }
        pos++;
        return;
      }
      String key = word();
      skipBlank();
      char c = next();
      if (c == '{') {
        ConfigSection child = new ConfigSection(key);
        body(child, depth + 1);
        section.put(key, child);
      } else if (c == '=') {
        section.put(key, value());
      } else {
        throw error("expected '=' or '{' after " + key);
      }
    }
  }

  private Object value() throws GuestFsException {
    skipBlank();
    char c = peek();
    if (c == '[') {
      pos++;
      List<Object> items = new ArrayList<>();
      while (true) {
        skipBlank();
        if (peek() == ']') {
          pos++;
          return items;
        }
        items.add(scalar());
        if (items.size() > MAX_ARRAY) {
          throw error("array too long");
        }
        skipBlank();
        if (peek() == ',') {
          pos++;
        }
      }
    }
    return scalar();
  }

  private Object scalar() throws GuestFsException {
    if (peek() == '"') {
      return string();
    }
    String word = word();
    try {
      return Long.parseLong(word);
    } catch (NumberFormatException e) {
      return word;
    }
  }

  private String string() throws GuestFsException {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      sb.append(c == '\\' ? next() : c);
    }
  }

  private String word() throws GuestFsException {
    int start = pos;
    while (pos < text.length() && isWordChar(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character");
    }
    return text.substring(start, pos);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || "_.+-".indexOf(c) >= 0;
  }

  private void skipBlank() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private char peek() throws GuestFsException {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private char next() throws GuestFsException {
    char c = peek();
    pos++;
    return c;
  }

  private GuestFsException error(String what) {
    return new GuestFsException("LVM2 metadata text, offset " + pos + ": " + what);
  }
}
