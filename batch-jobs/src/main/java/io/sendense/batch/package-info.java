/**
 * Jakarta Batch jobs (backup, copy, verify, retention, restore) and the ports through which they
 * reach the catalog and telemetry.
 */
package io.sendense.batch;
