package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.metrics.MetricsAccess;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/settings/metrics}: whether {@code /metrics} answers without credentials. */
@Path("/settings/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricsSettingsResource {
  @Inject MetricsAccess access;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /** {@code public}: true when anyone who reaches the hub may read {@code /metrics}. */
  public record MetricsSetting(Boolean isPublic) {}

  @GET
  public MetricsSetting get() {
    Access.require(security, Roles.ADMIN, "read the metrics setting");
    return new MetricsSetting(access.isPublic());
  }

  @PUT
  public MetricsSetting put(MetricsSetting body) {
    if (body == null || body.isPublic() == null) {
      throw new Refusal(400, "isPublic (true or false) is required");
    }
    boolean open = access.setPublic(body.isPublic());
    audit.record(
        Access.user(security),
        "settings.metrics",
        "/metrics",
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        open ? "public: no credentials needed" : "credentials required");
    return new MetricsSetting(open);
  }
}
