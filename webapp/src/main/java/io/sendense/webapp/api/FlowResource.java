package io.sendense.webapp.api;

import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.flow.BulkResult;
import io.sendense.webapp.flow.FlowActions;
import io.sendense.webapp.flow.FlowDto;
import io.sendense.webapp.flow.FlowQueries;
import io.sendense.webapp.flow.FlowRequest;
import io.sendense.webapp.flow.FlowRunDto;
import io.sendense.webapp.flow.FlowSummary;
import io.sendense.webapp.retention.PreviewRow;
import io.sendense.webapp.retention.RetentionEventDto;
import io.sendense.webapp.retention.RetentionRules;
import io.sendense.webapp.retention.RetentionService;
import io.sendense.webapp.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
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
 * {@code /api/v1/protection-flows}: anyone reads, operators run flows, admins create, change,
 * enable, disable and delete them. Every change and every run is audited.
 */
@Path("protection-flows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlowResource {
  @Inject FlowQueries flows;
  @Inject FlowActions actions;
  @Inject RetentionService retention;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /**
   * Flows by name: {@code limit} (default {@value Page#DEFAULT_LIMIT}, at most {@value
   * Page#MAX_LIMIT}) from {@code offset}, those whose name contains {@code name} when given; {@code
   * X-Total-Count} says how many match.
   */
  @GET
  public Response list(
      @QueryParam("name") String name,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    Fields.atMost("name", name, 128);
    return Paged.of(flows.page(name, Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @GET
  @Path("summary")
  public FlowSummary summary() {
    return flows.summary();
  }

  @GET
  @Path("{id: \\d+}")
  public FlowDto get(@PathParam("id") long id) {
    return flows.get(id);
  }

  @GET
  @Path("{id: \\d+}/status")
  public FlowDto status(@PathParam("id") long id) {
    return flows.get(id);
  }

  @GET
  @Path("{id: \\d+}/executions")
  public List<FlowRunDto> executions(
      @PathParam("id") long id, @QueryParam("limit") @DefaultValue("50") int limit) {
    return flows.executions(id, Math.max(1, Math.min(limit, 500)));
  }

  @GET
  @Path("{id: \\d+}/executions/{execution: \\d+}")
  public FlowRunDto execution(@PathParam("id") long id, @PathParam("execution") long execution) {
    FlowRunDto found = flows.execution(execution);
    if (found.flowId() != id) {
      throw new jakarta.ws.rs.NotFoundException(
          "Execution " + execution + " does not belong to flow " + id);
    }
    return found;
  }

  /** What these rules would keep of the flow's existing points (nothing is changed). */
  @POST
  @Path("{id: \\d+}/retention-preview")
  public List<PreviewRow> retentionPreview(
      @PathParam("id") long id, RetentionRules body, @QueryParam("timeZone") String timeZone) {
    if (body == null) {
      throw new BadRequestException("A JSON body with the retention rules is required");
    }
    return retention.preview(id, body, timeZone);
  }

  /** What retention deleted (or could not delete yet) of the flow's points, newest first. */
  @GET
  @Path("{id: \\d+}/retention-history")
  public List<RetentionEventDto> retentionHistory(
      @PathParam("id") long id, @QueryParam("limit") @DefaultValue("100") int limit) {
    return retention.history(id, limit);
  }

  @POST
  public Response create(FlowRequest body) {
    FlowDto created = actions.create(required(body), caller());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("{id: \\d+}")
  public FlowDto update(@PathParam("id") long id, FlowRequest body) {
    return actions.update(id, required(body), caller());
  }

  @DELETE
  @Path("{id: \\d+}")
  public Response delete(@PathParam("id") long id) {
    actions.delete(id, caller());
    return Response.noContent().build();
  }

  /** Run Now: 202 with the execution, RUNNING, while its jobs start. */
  @POST
  @Path("{id: \\d+}/execute")
  public Response execute(@PathParam("id") long id) {
    FlowRunDto execution = actions.runNow(id, caller());
    return Response.accepted(execution).build();
  }

  @POST
  @Path("{id: \\d+}/enable")
  public FlowDto enable(@PathParam("id") long id) {
    return actions.setEnabled(id, true, caller());
  }

  @POST
  @Path("{id: \\d+}/disable")
  public FlowDto disable(@PathParam("id") long id) {
    return actions.setEnabled(id, false, caller());
  }

  @POST
  @Path("bulk-execute")
  public BulkResult bulkExecute(Ids body) {
    return actions.bulkRun(ids(body), caller());
  }

  @POST
  @Path("bulk-enable")
  public BulkResult bulkEnable(Ids body) {
    return actions.bulkEnable(ids(body), true, caller());
  }

  @POST
  @Path("bulk-disable")
  public BulkResult bulkDisable(Ids body) {
    return actions.bulkEnable(ids(body), false, caller());
  }

  @POST
  @Path("bulk-delete")
  public BulkResult bulkDelete(Ids body) {
    return actions.bulkDelete(ids(body), caller());
  }

  private Caller caller() {
    return new Caller(Access.user(security), request.getRemoteAddr());
  }

  private static FlowRequest required(FlowRequest body) {
    if (body == null) {
      throw new BadRequestException("A JSON body describing the flow is required");
    }
    return body;
  }

  private static List<Long> ids(Ids body) {
    return body == null ? null : body.ids();
  }

  /** The flows a bulk action applies to. */
  public record Ids(List<Long> ids) {}
}
