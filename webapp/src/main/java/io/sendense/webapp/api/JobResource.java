package io.sendense.webapp.api;

import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.job.JobActions;
import io.sendense.webapp.job.JobDetailDto;
import io.sendense.webapp.job.JobDto;
import io.sendense.webapp.job.JobQuery;
import io.sendense.webapp.job.JobService;
import io.sendense.webapp.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /api/v1/jobs}: backup jobs, newest first, and what operators may do to their batch
 * executions (stop, restart from the checkpoint, abandon). Actions address the latest execution id
 * of a job; a queued job has none yet and is cancelled by its job id.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
  @Inject JobService jobs;
  @Inject JobActions actions;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /**
   * Jobs, newest first: {@code limit} (default 200, at most {@value Page#MAX_LIMIT}) from {@code
   * offset}; {@code X-Total-Count} says how many match. A full page also has {@code X-Next-Cursor}:
   * passed back as {@code cursor} (with the same filters) it answers the next page at the cost of
   * the first, however deep.
   */
  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("vm_name") String vmName,
      @QueryParam("vm_id") Long vmId,
      @QueryParam("flow_id") Long flowId,
      @QueryParam("flow_execution_id") Long flowExecutionId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return Paged.of(
        jobs.page(
            new JobQuery(
                status,
                vmName,
                vmId,
                flowId,
                flowExecutionId,
                instant("from", from),
                instant("to", to),
                Page.limit(limit, 200)),
            cursor,
            Page.offset(offset)));
  }

  /** The job whose latest execution is {@code executionId}, with all its executions and steps. */
  @GET
  @Path("/{executionId}")
  public JobDetailDto get(@PathParam("executionId") long executionId) {
    return jobs.detail(jobs.byExecution(executionId).id());
  }

  @GET
  @Path("/by-id/{id}")
  public JobDetailDto byId(@PathParam("id") long id) {
    return jobs.detail(id);
  }

  @POST
  @Path("/{executionId}/stop")
  public JobDto stop(@PathParam("executionId") long executionId) {
    return actions.stop(executionId, caller());
  }

  @POST
  @Path("/{executionId}/restart")
  public JobDto restart(@PathParam("executionId") long executionId) {
    return actions.restart(executionId, caller());
  }

  @POST
  @Path("/{executionId}/abandon")
  public JobDto abandon(@PathParam("executionId") long executionId) {
    return actions.abandon(executionId, caller());
  }

  @POST
  @Path("/by-id/{id}/cancel")
  public JobDto cancel(@PathParam("id") long id) {
    return actions.cancel(id, caller());
  }

  private Caller caller() {
    return new Caller(Access.user(security), request.getRemoteAddr());
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new Refusal(400, name + " must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
    }
  }
}
