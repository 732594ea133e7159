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
  static final String EXIT_STATUS_TRANSFER = "HUB_STOPPED_IN_TRANSFER";
  private static final String UNFINISHED = "('STARTING', 'STARTED', 'STOPPING')";

  @Resource(lookup = "jdbc/sendense-batch")
  DataSource batch;

  /**
   * Marks every unfinished execution FAILED; returns how many job and step executions changed. A
   * job interrupted inside its partitioned transfer step gets the exit status {@link
   * #EXIT_STATUS_TRANSFER}: JBatch records a partitioned step's partition count only when the step
   * ends, so it cannot restart such a step after a crash (it fails with a NullPointerException in
   * PartitionedStepControllerImpl).
   */
  public int failUnfinished() {
    try (Connection c = batch.getConnection()) {
      c.setAutoCommit(true);
      int changed = 0;
      List<String> schemas = schemas(c);
      for (String schema : schemas) {
        changed += failUnfinished(c, schema);
      }
      if (changed > 0) {
        int count = changed;
        LOG.warning(
            () ->
                count
                    + " batch job/step execution(s) left running by an earlier hub"
                    + " process were marked FAILED");
      }
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not mark interrupted batch executions failed: " + e.getMessage(), e);
    }
  }

  private static int failUnfinished(Connection c, String schema) throws SQLException {
    String jobs = table(c, schema, "EXECUTIONINSTANCEDATA");
    String steps = table(c, schema, "STEPEXECUTIONINSTANCEDATA");
    if (jobs == null || steps == null) {
      return 0;
    }
    int changed =
        update(
            c,
            "UPDATE "
                + jobs
                + " e SET exitstatus = '"
                + EXIT_STATUS_TRANSFER
                + "' WHERE e.batchstatus IN "
                + UNFINISHED
                + " AND EXISTS (SELECT 1 FROM "
                + steps
                + " s WHERE s.jobexecid = e.jobexecid AND s.stepname = 'transfer' AND s.batchstatus IN "
                + UNFINISHED
                + ")");
    changed +=
        update(
            c,
            "UPDATE "
                + jobs
                + " SET batchstatus = 'FAILED', exitstatus ="
                + " CASE WHEN exitstatus = '"
                + EXIT_STATUS_TRANSFER
                + "' THEN exitstatus ELSE '"
                + EXIT_STATUS
                + "' END WHERE batchstatus IN "
                + UNFINISHED);
    changed +=
        update(
            c,
            "UPDATE "
                + steps
                + " SET batchstatus = 'FAILED', exitstatus = '"
                + EXIT_STATUS
                + "' WHERE batchstatus IN "
                + UNFINISHED);
    return changed;
  }

  /**
   * Schemas holding the runtime's tables. The connection's own schema is the configured one, but
   * JBatch may switch a pooled connection to another schema it can reach (seen: MariaDB's {@code
   * test}), so every visible schema with the tables is repaired.
   */
  private static List<String> schemas(Connection c) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT DISTINCT table_schema FROM information_schema.tables"
                + " WHERE UPPER(table_name) LIKE '%STEPEXECUTIONINSTANCEDATA'")) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          schemas.add(rs.getString(1));
        }
      }
    }
    return schemas;
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  /**
   * The job and step execution tables as the runtime created them: Payara prefixes them ({@code
   * jbatch} by default) and MariaDB names are case-sensitive here.
   */
  private static String table(Connection c, String schema, String name) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND UPPER(table_name) LIKE ? AND UPPER(table_name) NOT LIKE ?")) {
      q.setString(1, schema);
      q.setString(2, "%" + name);
      q.setString(3, "%STEP" + name);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? "`" + schema + "`.`" + rs.getString(1) + "`" : null;
      }
    }
  }
}
