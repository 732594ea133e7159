package io.sendense.webapp.api;

import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.lifecycle.RepositoryLifecycle;
import io.sendense.webapp.lifecycle.RepositoryRescan;
import io.sendense.webapp.lifecycle.RescanReport;
import io.sendense.webapp.repository.RepositoryDto;
import io.sendense.webapp.repository.RepositoryRequest;
import io.sendense.webapp.repository.RepositoryService;
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

/** {@code /api/v1/repositories}: read for every user, changes for admins. */
@Path("/repositories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepositoryResource {
  @Inject RepositoryService repositories;
  @Inject AuditService audit;
  @Inject RepositoryRescan rescan;
  @Inject RepositoryLifecycle lifecycle;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /**
   * Repositories by name: {@code limit} (default {@value Page#DEFAULT_LIMIT}) from {@code offset}.
   */
  @GET
  public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    return Paged.of(
        Page.of(repositories.list(), Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @GET
  @Path("/{id}")
  public RepositoryDto get(@PathParam("id") long id) {
    return repositories.get(id);
  }

  @POST
  public Response create(RepositoryRequest body) {
    String user = Access.user(security);
    RepositoryDto created = repositories.create(body);
    audited(user, "repository.create", created.name());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("/{id}")
  public RepositoryDto update(@PathParam("id") long id, RepositoryRequest body) {
    String user = Access.user(security);
    RepositoryDto updated = repositories.update(id, body);
    audited(user, "repository.update", updated.name());
    return updated;
  }

  /**
   * {@code {"nodeId": 3}} makes the repository reachable only from node 3, whose backups then run
   * there; {@code null}: the hub and every node reach it. Refused (409) while a flow placed on
   * another node writes to it.
   */
  @PUT
  @Path("/{id}/node")
  public RepositoryDto place(@PathParam("id") long id, jakarta.json.JsonObject body) {
    String user = Access.user(security);
    Long nodeId = NodeResource.nodeId(body);
    RepositoryDto placed = repositories.place(id, nodeId);
    audited(
        user,
        "repository.node",
        placed.name() + " -> " + (nodeId == null ? "hub" : placed.nodeName()));
    return placed;
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") long id) {
    String user = Access.user(security);
    String name = repositories.get(id).name();
    repositories.delete(id);
    audited(user, "repository.delete", name);
    return Response.noContent().build();
  }

  /** Tests a configuration; with {@code ?id=} the stored secrets fill in blank secret fields. */
  @POST
  @Path("/test")
  public ConnectionTestResult test(RepositoryRequest body, @QueryParam("id") Long id) {
    return repositories.test(
        body == null ? new RepositoryRequest(null, null, null, null, null, null) : body, id);
  }

  /**
   * The passphrase of an encrypted repository, shown once for disaster recovery (admins; audited; a
   * second export is refused with 409 naming who exported it and when).
   */
  @POST
  @Path("/{id}/passphrase-export")
  public Response exportPassphrase(@PathParam("id") long id) {
    String passphrase =
        repositories.exportPassphrase(id, Access.user(security), request.getRemoteAddr());
    PassphraseExport export =
        new PassphraseExport(
            repositories.get(id).name(), passphrase, RepositoryService.EXPORT_INSTRUCTIONS);
    return Response.ok(export).header("Cache-Control", "no-store").build();
  }

  /** The answer of a passphrase export. */
  public record PassphraseExport(String repository, String passphrase, String instructions) {}

  /** The capacity last measured (no side effect: viewers read it; see refresh-storage). */
  @GET
  @Path("/{id}/storage")
  public RepositoryDto storage(@PathParam("id") long id) {
    return repositories.get(id);
  }

  /** Measures one repository's capacity now (operators). */
  @POST
  @Path("/{id}/refresh-storage")
  public RepositoryDto refreshOne(@PathParam("id") long id) {
    return repositories.refreshOne(id);
  }

  @POST
  @Path("/refresh-storage")
  public List<RepositoryDto> refreshStorage() {
    return repositories.refreshAll();
  }

  /**
   * Reads the repository's point manifests: imports the points the catalog lacks and reports the
   * images the catalog names that are gone, and images no point names (admin).
   */
  @POST
  @Path("/{id}/rescan")
  public RescanReport rescan(@PathParam("id") long id) {
    RescanReport report = rescan.rescan(id);
    audit.record(
        Access.user(security),
        "repository.rescan",
        repositories.get(id).name(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        report.imported().size()
            + " imported, "
            + report.missingFiles().size()
            + " missing, "
            + report.orphanImages().size()
            + " orphan images");
    return report;
  }

  /** Verifies every restore point of the repository now (202); each point's result is on it. */
  @POST
  @Path("/{id}/verify")
  public Response verify(@PathParam("id") long id) {
    String name = repositories.get(id).name();
    lifecycle.verifyNow(id);
    audited(Access.user(security), "repository.verify", name);
    return Response.accepted(lifecycle.verification(id)).build();
  }

  /** The repository's scheduled verification: every {@code intervalDays} days (0: off). */
  @GET
  @Path("/{id}/verification")
  public RepositoryLifecycle.Verification verification(@PathParam("id") long id) {
    return lifecycle.verification(id);
  }

  @PUT
  @Path("/{id}/verification")
  public RepositoryLifecycle.Verification setVerification(
      @PathParam("id") long id, RepositoryLifecycle.Verification body) {
    if (body == null || body.intervalDays() == null) {
      throw new Refusal(400, "intervalDays is required (0 switches scheduled verification off)");
    }
    RepositoryLifecycle.Verification v = lifecycle.setInterval(id, body.intervalDays());
    audited(Access.user(security), "repository.update", repositories.get(id).name());
    return v;
  }

  /** The merge journal of the repository, newest first: how removals of its points went. */
  @GET
  @Path("/{id}/merges")
  public List<RepositoryLifecycle.MergeDto> merges(
      @PathParam("id") long id, @QueryParam("limit") @DefaultValue("100") int limit) {
    return lifecycle.merges(id, limit);
  }

  private void audited(String user, String action, String target) {
    audit.record(user, action, target, AuditService.SUCCESS, request.getRemoteAddr(), null);
  }
}
