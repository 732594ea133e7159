package io.sendense.webapp.api;

import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.repository.RepositoryDto;
import io.sendense.webapp.repository.RepositoryRequest;
import io.sendense.webapp.repository.RepositoryService;
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

/** {@code /api/v1/repositories}: read for every user, changes for admins. */
@Path("/repositories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepositoryResource {
  @Inject RepositoryService repositories;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  public List<RepositoryDto> list() {
    return repositories.list();
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
        body == null ? new RepositoryRequest(null, null, null, null) : body, id);
  }

  @GET
  @Path("/{id}/storage")
  public RepositoryDto storage(@PathParam("id") long id) {
    return repositories.refreshOne(id);
  }

  @POST
  @Path("/refresh-storage")
  public List<RepositoryDto> refreshStorage() {
    return repositories.refreshAll();
  }

  private void audited(String user, String action, String target) {
    audit.record(user, action, target, AuditService.SUCCESS, request.getRemoteAddr(), null);
  }
}
