package io.sendense.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads the scale fixture ({@code bench/scale-catalog.sql}, the file {@code bench/scale-catalog.sh}
 * loads) into the hub's catalog with set-based SQL: a new source with {@code vms} VMs, {@code
 * points} complete restore points with their jobs, {@code groups} groups and {@code flows} flows.
 */
final class ScaleCatalog {
  private ScaleCatalog() {}

  static void load(int vms, int points, int groups, int flows) throws Exception {
    String sql = Files.readString(Path.of(System.getProperty("sendense.it.scale-catalog")));
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement()) {
      s.execute(
          "SET @vms = "
              + vms
              + ", @points = "
              + points
              + ", @groups = "
              + groups
              + ", @flows = "
              + flows);
      for (String statement : statements(sql)) {
        try {
          s.execute(statement);
        } catch (SQLException e) {
          throw new SQLException("Scale fixture statement failed: " + statement, e);
        }
      }
    }
  }

  /** The file's statements: each ends with a semicolon at the end of a line; comments dropped. */
  private static java.util.List<String> statements(String sql) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    return out;
  }
}
