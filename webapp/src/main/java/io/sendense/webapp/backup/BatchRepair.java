package io.sendense.webapp.backup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * After a hub crash the batch repository still says STARTED for the executions that were running;
 * Jakarta Batch restarts only FAILED or STOPPED ones, and has no API to fix that. At start-up,
 * before this hub runs any job, this marks such executions (and their steps) FAILED in the
 * repository of Payara's JBatch ({@code jdbc/sendense-batch}), so the console can restart them from
 * their checkpoints. Only valid while one hub owns the batch schema (see docs/backup-job.md).
 */
@ApplicationScoped
public class BatchRepair {
  private static final Logger LOG = Logger.getLogger(BatchRepair.class.getName());
  static final String EXIT_STATUS = "HUB_STOPPED";

  @Resource(lookup = "jdbc/sendense-batch")
  DataSource batch;

  /** Marks every unfinished execution FAILED; returns how many job and step executions changed. */
  public int failUnfinished() {
    try (Connection c = batch.getConnection()) {
      int changed = 0;
      for (String table : tables(c)) {
        try (Statement s = c.createStatement()) {
          changed +=
              s.executeUpdate(
                  "UPDATE "
                      + table
                      + " SET batchstatus = 'FAILED', exitstatus = '"
                      + EXIT_STATUS
                      + "' WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING')");
        }
      }
      if (changed > 0) {
        int count = changed;
        LOG.warning(
            () ->
                count
                    + " batch job/step execution(s) were left running by an earlier hub process;"
                    + " marked FAILED so they can be restarted from their checkpoints");
      }
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not mark interrupted batch executions failed: " + e.getMessage(), e);
    }
  }

  /** The execution tables as the runtime created them (names are case-sensitive here). */
  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND UPPER(table_name) IN ('EXECUTIONINSTANCEDATA', 'STEPEXECUTIONINSTANCEDATA')")) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          tables.add("`" + rs.getString(1) + "`");
        }
      }
    }
    return tables;
  }
}
