/**
 * The ports of the {@code restore-vm} job: the catalog of restores, restore points, and sources.
 * The host produces them with CDI; the job reaches nothing else.
 */
package io.sendense.batch.restore.port;
