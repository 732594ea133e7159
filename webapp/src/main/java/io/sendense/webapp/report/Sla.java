package io.sendense.webapp.report;

import java.time.Instant;
import java.util.List;

/**
 * The SLA over the last {@code days}: of all daily samples of measured VMs ({@code samples}), how
 * many found the VM's newest good point within its RPO target ({@code met}), in percent with one
 * decimal (null when nothing was measured). See {@link SlaReport} for the definition.
 */
public record Sla(
    Instant generatedAt, int days, long samples, long met, Double percent, List<VmSla> vms) {}
