package io.sendense.webapp.report;

/** One VM's part of the {@link Sla}: its daily samples and how many met its RPO target. */
public record VmSla(long vmId, String vmName, int samples, int met, Double percent) {}
