package io.sendense.webapp.api;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/** The audit log, for admins. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject AuditService audit;

  @Context SecurityContext security;

  /**
   * The log, newest first: {@code limit} (default 100, at most {@value Page#MAX_LIMIT}) from {@code
   * offset}; {@code X-Total-Count} says how many entries there are.
   */
  @GET
  public Response recent(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    if (!security.isUserInRole(Roles.ADMIN)) {
      throw new ForbiddenException("Only admins may read the audit log");
    }
    Page<AuditEntry> page = audit.page(Page.offset(offset), Page.limit(limit, 100));
    return Paged.of(
        new Page<>(
            page.items().stream()
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
                .toList(),
            page.total(),
            page.offset(),
            page.limit()));
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
