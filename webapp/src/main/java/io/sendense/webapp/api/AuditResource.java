package io.sendense.webapp.api;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.audit.AuditFilter;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
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
import java.time.format.DateTimeParseException;

/** The audit log, for admins. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject AuditService audit;

  @Context SecurityContext security;

  /**
   * The log, newest first: {@code limit} (default 100, at most {@value Page#MAX_LIMIT}) from {@code
   * offset}; {@code X-Total-Count} says how many entries there are. Filters: {@code user} (exact,
   * any case), {@code action} (exact, or a prefix ending with a dot: {@code restore.}), {@code
   * from} (inclusive) and {@code to} (exclusive) as ISO-8601 instants.
   */
  @GET
  public Response recent(
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit,
      @QueryParam("user") String user,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    if (!security.isUserInRole(Roles.ADMIN)) {
      throw new ForbiddenException("Only admins may read the audit log");
    }
    AuditFilter filter =
        new AuditFilter(
            blankToNull(user), blankToNull(action), instant("from", from), instant("to", to));
    Page<AuditEntry> page = audit.page(filter, Page.offset(offset), Page.limit(limit, 100));
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

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Instant instant(String name, String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new Refusal(
          400, name + " must be an ISO-8601 instant such as 2026-12-05T10:00:00Z, not " + value);
    }
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
