package io.sendense.webapp.report;

import java.time.Instant;

/**
 * One restore in the activity report: when, who, which kind ({@code FILE_DOWNLOAD}: files or a
 * folder as ZIP; {@code DISK_IMAGE}: a disk as raw or QCOW2; {@code VM_RESTORE}: a whole VM to
 * vCenter), what was restored, and the outcome (the audit's SUCCESS/FAILURE/DENIED, or the VM
 * restore job's QUEUED/RUNNING/COMPLETED/FAILED) with its detail.
 */
public record RestoreActivity(
    Instant at, String user, String kind, String what, String outcome, String detail) {}
