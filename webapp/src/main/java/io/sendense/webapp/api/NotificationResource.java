package io.sendense.webapp.api;

import io.sendense.persistence.notification.DeliveryRecord;
import io.sendense.persistence.notification.OutboxMessage;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.notification.ChannelDto;
import io.sendense.webapp.notification.ChannelRequest;
import io.sendense.webapp.notification.NotificationService;
import io.sendense.webapp.notification.NotificationTester;
import io.sendense.webapp.notification.RuleDto;
import io.sendense.webapp.notification.RuleRequest;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/v1/notifications}: channels, rules, "Send test", the outbox and the delivery log.
 * Admins only (the service checks); every change is audited.
 */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {
  @Inject NotificationService notifications;
  @Inject NotificationTester tester;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  @Path("/channels")
  public List<ChannelDto> channels() {
    return notifications.channels();
  }

  @GET
  @Path("/channels/{id}")
  public ChannelDto channel(@PathParam("id") long id) {
    return notifications.channel(id);
  }

  @POST
  @Path("/channels")
  public Response createChannel(ChannelRequest body) {
    ChannelDto created = notifications.create(body);
    audited("notification.channel.create", created.name(), null);
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("/channels/{id}")
  public ChannelDto updateChannel(@PathParam("id") long id, ChannelRequest body) {
    ChannelDto updated = notifications.update(id, body);
    audited(
        "notification.channel.update",
        updated.name(),
        body != null && body.secret() != null && !body.secret().isBlank()
            ? "secret changed"
            : null);
    return updated;
  }

  @DELETE
  @Path("/channels/{id}")
  public Response deleteChannel(@PathParam("id") long id) {
    String name = notifications.channel(id).name();
    notifications.delete(id);
    audited("notification.channel.delete", name, null);
    return Response.noContent().build();
  }

  /** Sends one test message now and answers how it went (200 either way; see {@code sent}). */
  @POST
  @Path("/channels/{id}/test")
  public NotificationTester.TestResult test(@PathParam("id") long id) {
    String user = Access.user(security);
    NotificationTester.TestResult result = tester.sendTest(id, user);
    audit.record(
        user,
        "notification.channel.test",
        notifications.channel(id).name(),
        result.sent() ? AuditService.SUCCESS : AuditService.FAILURE,
        request.getRemoteAddr(),
        result.detail());
    return result;
  }

  @GET
  @Path("/rules")
  public List<RuleDto> rules() {
    return notifications.rules();
  }

  @POST
  @Path("/rules")
  public Response createRule(RuleRequest body) {
    RuleDto created = notifications.createRule(body);
    audited("notification.rule.create", describe(created), null);
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("/rules/{id}")
  public RuleDto updateRule(@PathParam("id") long id, RuleRequest body) {
    RuleDto updated = notifications.updateRule(id, body);
    audited("notification.rule.update", describe(updated), null);
    return updated;
  }

  @DELETE
  @Path("/rules/{id}")
  public Response deleteRule(@PathParam("id") long id) {
    notifications.deleteRule(id);
    audited("notification.rule.delete", "rule " + id, null);
    return Response.noContent().build();
  }

  /** Every delivery attempt, newest first ({@code ?channel=} for one channel). */
  @GET
  @Path("/deliveries")
  public List<DeliveryRecord> deliveries(
      @QueryParam("channel") Long channel, @QueryParam("limit") @DefaultValue("100") int limit) {
    return notifications.deliveries(channel, limit);
  }

  /** The outbox, newest first: queued, sent, retried and given-up messages. */
  @GET
  @Path("/outbox")
  public List<OutboxMessage> outbox(
      @QueryParam("channel") Long channel, @QueryParam("limit") @DefaultValue("100") int limit) {
    return notifications.messages(channel, limit);
  }

  private static String describe(RuleDto r) {
    return "rule "
        + r.id()
        + ": "
        + r.event()
        + " -> "
        + r.channelName()
        + (r.flowName() == null ? " (every flow)" : " (flow " + r.flowName() + ")");
  }

  private void audited(String action, String target, String detail) {
    audit.record(
        Access.user(security),
        action,
        target,
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        detail);
  }
}
