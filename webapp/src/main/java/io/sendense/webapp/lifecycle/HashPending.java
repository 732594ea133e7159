package io.sendense.webapp.lifecycle;

import java.util.List;

/** Images of a point that just completed and wait for their SHA-256 ({@link PointHasher}). */
public record HashPending(long backupId, List<Long> diskIds) {}
