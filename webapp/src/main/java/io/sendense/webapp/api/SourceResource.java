package io.sendense.webapp.api;

import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.source.SourceDto;
import io.sendense.webapp.source.SourceRequest;
import io.sendense.webapp.source.SourceService;
import io.sendense.webapp.source.VmDto;
import io.sendense.webapp.source.VmService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** {@code /api/v1/sources}, {@code /api/v1/source-types} and {@code /api/v1/vm-contexts}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SourceResource {
  @Inject SourceService sources;
  @Inject VmService vms;
  @Inject PluginHost plugins;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /** Sources by name: {@code limit} (default {@value Page#DEFAULT_LIMIT}) from {@code offset}. */
  @GET
  @Path("sources")
  public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    return Paged.of(
        Page.of(sources.list(), Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @GET
  @Path("sources/{id}")
  public SourceDto get(@PathParam("id") long id) {
    return sources.get(id);
  }

  @POST
  @Path("sources")
  public Response create(SourceRequest body) {
    String user = Access.user(security);
    SourceDto created = sources.create(body == null ? new SourceRequest(null, null, null) : body);
    audited(user, "source.create", created.name());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("sources/{id}")
  public SourceDto update(@PathParam("id") long id, SourceRequest body) {
    String user = Access.user(security);
    SourceDto updated = sources.update(id, body);
    audited(user, "source.update", updated.name());
    return updated;
  }

  @DELETE
  @Path("sources/{id}")
  public Response delete(@PathParam("id") long id) {
    String user = Access.user(security);
    String name = sources.get(id).name();
    sources.delete(id);
    audited(user, "source.delete", name);
    return Response.noContent().build();
  }

  /** Tests a stored source; the answer carries the server certificate's SHA-256. */
  @POST
  @Path("sources/{id}/test")
  public SourceConnectionTest test(@PathParam("id") long id) {
    return sources.test(id);
  }

  @POST
  @Path("sources/test")
  public SourceConnectionTest testNew(SourceRequest body) {
    return sources.testNew(body == null ? new SourceRequest(null, null, null) : body);
  }

  /** Pins the certificate the admin confirmed ("trust on first use"). */
  @POST
  @Path("sources/{id}/trust")
  public SourceDto trust(@PathParam("id") long id, TrustRequest body) {
    String user = Access.user(security);
    Fields.atMost("thumbprint", body == null ? null : body.thumbprint(), 128);
    SourceDto trusted = sources.trustCertificate(id, body == null ? null : body.thumbprint());
    audited(user, "source.trust", trusted.name());
    return trusted;
  }

  @POST
  @Path("sources/{id}/discover")
  public SourceDto discover(@PathParam("id") long id) {
    String user = Access.user(security);
    SourceDto discovered = sources.discover(id);
    audited(user, "source.discover", discovered.name());
    return discovered;
  }

  @GET
  @Path("source-types")
  public List<PluginResource.TypeInfo> types() {
    return plugins.sourceTypes().stream().map(PluginResource.TypeInfo::of).toList();
  }

  /**
   * VMs by name, or by {@code sort} ({@code name}, {@code sourceName}, {@code powerState}, {@code
   * guestOs}, {@code lastSeenAt}; a leading {@code -} for descending): {@code limit} (default
   * {@value Page#DEFAULT_LIMIT}, at most {@value Page#MAX_LIMIT}) from {@code offset}; {@code
   * X-Total-Count} says how many match.
   */
  @GET
  @Path("vm-contexts")
  public Response vms(
      @QueryParam("source") Long source,
      @QueryParam("name") String name,
      @QueryParam("group") Long group,
      @QueryParam("include_gone") boolean includeGone,
      @QueryParam("sort") String sort,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    Fields.atMost("name", name, 255);
    Fields.atMost("sort", sort, 32);
    return Paged.of(
        vms.page(
            source,
            name,
            group,
            includeGone,
            sort,
            Page.offset(offset),
            Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @GET
  @Path("vm-contexts/{id}")
  public VmDto vm(@PathParam("id") long id) {
    return vms.get(id);
  }

  private void audited(String user, String action, String target) {
    audit.record(user, action, target, AuditService.SUCCESS, request.getRemoteAddr(), null);
  }

  public record TrustRequest(String thumbprint) {}
}
