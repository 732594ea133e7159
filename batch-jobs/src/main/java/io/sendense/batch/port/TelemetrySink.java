package io.sendense.batch.port;

/**
 * Receives a backup's progress while it runs. The job calls it at most once every few seconds plus
 * at every phase change, from any of its threads. A sink that fails is logged and ignored: the
 * backup never fails because telemetry did.
 */
public interface TelemetrySink {

  void push(BackupProgress progress);
}
