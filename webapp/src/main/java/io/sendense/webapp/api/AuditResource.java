package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/** The audit log, for admins. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject AuditService audit;

  @Context SecurityContext security;

  @GET
  public List<Entry> recent(@QueryParam("limit") Integer limit) {
    if (!security.isUserInRole(Roles.ADMIN)) {
      throw new ForbiddenException("Only admins may read the audit log");
    }
    int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
    return audit.recent(max).stream()
        .map(
            a ->
                new Entry(
                    a.getOccurredAt(),
                    a.getUsername(),
                    a.getAction(),
                    a.getTarget(),
                    a.getOutcome(),
                    a.getRemoteAddr(),
                    a.getDetail()))
        .toList();
  }

  public record Entry(
      Instant occurredAt,
      String username,
      String action,
      String target,
      String outcome,
      String remoteAddr,
      String detail) {}
}
