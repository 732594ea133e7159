package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.backup.BackupDetailDto;
import io.sendense.webapp.backup.BackupDto;
import io.sendense.webapp.backup.BackupService;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.job.JobDto;
import io.sendense.webapp.job.JobService;
import io.sendense.webapp.lifecycle.VerificationService;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Clock;

/** {@code /api/v1/backups}: restore points, and backing up one VM now. */
@Path("/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {
  @Inject BackupService backups;
  @Inject Clock clock;
  @Inject RestorePoints points;
  @Inject JobService jobs;
  @Inject AuditService audit;
  @Inject VerificationService verification;
  @Inject io.sendense.webapp.copy.CopyService copies;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /** What {@code POST /backups} takes: the VM, the repository, and auto (default) or full. */
  public record BackupRequest(Long vmId, Long repositoryId, String type) {}

  /**
   * Queues a backup of one VM and returns at once (202) with its job; the job's {@code status} and
   * {@code executionId} tell when it runs and how it ended.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(BackupRequest body) {
    String user = Access.require(security, Roles.OPERATOR, "start backups");
    if (body == null || body.vmId() == null || body.repositoryId() == null) {
      throw new Refusal(400, "vmId and repositoryId are required");
    }
    long job = backups.start(body.vmId(), body.repositoryId(), null, body.type(), user);
    JobDto dto = jobs.get(job);
    audit.record(
        user,
        "backup.start",
        "VM " + dto.vmName() + " to " + dto.repositoryName(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        "job " + job);
    return Response.accepted(dto).build();
  }

  /**
   * Restore points, newest first: {@code limit} (default 500, at most {@value Page#MAX_LIMIT}) from
   * {@code offset}; the header {@code X-Total-Count} says how many match. A full page also has
   * {@code X-Next-Cursor}: passed back as {@code cursor} (with the same filters) it answers the
   * next page at the cost of the first however deep the list is, where a deep {@code offset} walks
   * every point before it.
   */
  @GET
  public Response list(
      @QueryParam("vm_name") String vmName,
      @QueryParam("status") String status,
      @QueryParam("repository_id") Long repositoryId,
      @QueryParam("vm_id") Long vmId,
      @QueryParam("cursor") String cursor,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return Paged.of(
        points.list(
            vmName,
            status,
            repositoryId,
            vmId,
            cursor,
            Page.offset(offset),
            Page.limit(limit, 500)));
  }

  @GET
  @Path("/{id}")
  public BackupDetailDto get(@PathParam("id") long id) {
    return points.get(id);
  }

  /**
   * Deletes a restore point: 204 when it went at once; 202 when other points are built on it and it
   * is being merged out of their chains (it shows DELETING until then).
   */
  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") long id) {
    String user = Access.require(security, Roles.ADMIN, "delete restore points");
    BackupDto backup = points.get(id).backup();
    boolean now = points.delete(id, user);
    if (!now) {
      audit.record(
          user,
          "backup.delete",
          "backup " + id + " of VM " + backup.vmName(),
          AuditService.SUCCESS,
          request.getRemoteAddr(),
          "merging it out of its chains");
      return Response.accepted(points.get(id).backup()).build();
    }
    audit.record(
        user,
        "backup.delete",
        "backup " + id + " of VM " + backup.vmName(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        null);
    return Response.noContent().build();
  }

  /**
   * Re-reads every image of the point's chains and checks it against what was recorded (202); the
   * point's {@code verification} changes when it is done.
   */
  @POST
  @Path("/{id}/verify")
  public Response verify(@PathParam("id") long id) {
    verification.request(id);
    audit.record(
        Access.user(security),
        "backup.verify",
        "backup " + id,
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        null);
    return Response.accepted(points.get(id).backup()).build();
  }

  /** Keeps the point whatever the retention rules say, until unlocked (admin). */
  @POST
  @Path("/{id}/lock")
  public BackupDto lock(@PathParam("id") long id) {
    return setLocked(id, true);
  }

  @POST
  @Path("/{id}/unlock")
  public BackupDto unlock(@PathParam("id") long id) {
    return setLocked(id, false);
  }

  /** What {@code POST /backups/{id}/immutable} takes: a new end (ISO-8601) or days from now. */
  public record ImmutableRequest(String until, Integer days) {}

  /**
   * Makes the point immutable until {@code until} (or for {@code days} from now), or extends its
   * lock; a lock is never shortened (409 with the current end).
   */
  @POST
  @Path("/{id}/immutable")
  @Consumes(MediaType.APPLICATION_JSON)
  public BackupDto immutable(@PathParam("id") long id, ImmutableRequest body) {
    String user = Access.require(security, Roles.ADMIN, "make restore points immutable");
    if (body == null || (body.until() == null) == (body.days() == null)) {
      throw new Refusal(400, "give either until (an ISO-8601 instant) or days");
    }
    java.time.Instant until;
    if (body.days() != null) {
      if (body.days() < 1) {
        throw new Refusal(400, "days must be at least 1, not " + body.days());
      }
      until = clock.instant().plus(java.time.Duration.ofDays(body.days()));
    } else {
      try {
        until = java.time.Instant.parse(body.until().strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new Refusal(
            400,
            "until must be an ISO-8601 instant like 2030-01-31T00:00:00Z, not " + body.until());
      }
    }
    BackupDto dto = points.extendLock(id, until);
    audit.record(
        user,
        "backup.immutable",
        "backup " + id + " of VM " + dto.vmName(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        "until " + dto.immutableUntil());
    return dto;
  }

  /** What {@code POST /backups/{id}/copy} takes: the target, and INCREMENTAL (default) or FULL. */
  public record CopyRequest(Long repositoryId, String mode) {}

  /** Queues a copy of the point into another repository (202 with the copy job). */
  @POST
  @Path("/{id}/copy")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response copy(@PathParam("id") long id, CopyRequest body) {
    String user = Access.user(security);
    long job =
        copies.request(
            id, body == null ? null : body.repositoryId(), body == null ? null : body.mode(), user);
    JobDto dto = jobs.get(job);
    audit.record(
        user,
        "backup.copy",
        "backup " + id + " to " + dto.repositoryName(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        "job " + job);
    return Response.accepted(dto).build();
  }

  /** The point's copies in other repositories (any status), oldest first. */
  @GET
  @Path("/{id}/copies")
  public java.util.List<BackupDto> copies(@PathParam("id") long id) {
    return points.copiesOf(id);
  }

  private BackupDto setLocked(long id, boolean locked) {
    String user = Access.require(security, Roles.ADMIN, "lock and unlock restore points");
    BackupDto dto = points.setLocked(id, locked);
    audit.record(
        user,
        locked ? "backup.lock" : "backup.unlock",
        "backup " + id + " of VM " + dto.vmName(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        null);
    return dto;
  }
}
