package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.copy.PolicyDto;
import io.sendense.webapp.copy.PolicyService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/v1/policies}: backup policies with copy rules; read for every user, admin changes.
 */
@Path("/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
  @Inject PolicyService policies;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  public List<PolicyDto> list() {
    return policies.list();
  }

  @GET
  @Path("/{id}")
  public PolicyDto get(@PathParam("id") long id) {
    return policies.get(id);
  }

  @POST
  public Response create(PolicyDto body) {
    PolicyDto created = policies.create(body);
    audited("policy.create", created.name());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("/{id}")
  public PolicyDto update(@PathParam("id") long id, PolicyDto body) {
    PolicyDto updated = policies.update(id, body);
    audited("policy.update", updated.name());
    return updated;
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") long id) {
    String name = policies.get(id).name();
    policies.delete(id);
    audited("policy.delete", name);
    return Response.noContent().build();
  }

  private void audited(String action, String target) {
    audit.record(
        Access.user(security), action, target, AuditService.SUCCESS, request.getRemoteAddr(), null);
  }
}
