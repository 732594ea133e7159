package io.sendense.webapp.api;

import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.group.GroupActions;
import io.sendense.webapp.group.GroupDto;
import io.sendense.webapp.group.GroupRequest;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.group.MembersRequest;
import io.sendense.webapp.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
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
import java.util.Map;

/** {@code /api/v1/protection-groups}: anyone reads, admins change groups and members. */
@Path("protection-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
  @Inject GroupService groups;
  @Inject GroupActions actions;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /**
   * Groups by name: {@code limit} (default {@value Page#DEFAULT_LIMIT}, at most {@value
   * Page#MAX_LIMIT}) from {@code offset}, those whose name contains {@code name} when given; {@code
   * X-Total-Count} says how many match.
   */
  @GET
  public Response list(
      @QueryParam("name") String name,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    Fields.atMost("name", name, 128);
    return Paged.of(groups.page(name, Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @GET
  @Path("{id: \\d+}")
  public GroupDto get(@PathParam("id") long id) {
    return groups.get(id);
  }

  @POST
  public Response create(GroupRequest body) {
    GroupDto created = actions.create(required(body), caller());
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("{id: \\d+}")
  public GroupDto update(@PathParam("id") long id, GroupRequest body) {
    return actions.update(id, required(body), caller());
  }

  @DELETE
  @Path("{id: \\d+}")
  public Response delete(@PathParam("id") long id) {
    actions.delete(id, caller());
    return Response.noContent().build();
  }

  @GET
  @Path("{id: \\d+}/members")
  public Response members(
      @PathParam("id") long id,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    return Paged.of(groups.members(id, Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  /** Adds VMs: {@code {"vmIds": [..], "priority": 100}}. */
  @POST
  @Path("{id: \\d+}/members")
  public Map<String, Integer> addMembers(@PathParam("id") long id, MembersRequest body) {
    return Map.of("added", actions.addMembers(id, body, caller()));
  }

  /** Removes hand-made memberships: {@code {"vmIds": [..]}}. */
  @POST
  @Path("{id: \\d+}/members/remove")
  public Map<String, Integer> removeMembers(@PathParam("id") long id, MembersRequest body) {
    return Map.of("removed", actions.removeMembers(id, body, caller()));
  }

  @DELETE
  @Path("{id: \\d+}/members/{vm: \\d+}")
  public Map<String, Integer> removeMember(@PathParam("id") long id, @PathParam("vm") long vm) {
    return Map.of(
        "removed", actions.removeMembers(id, new MembersRequest(List.of(vm), null), caller()));
  }

  private Caller caller() {
    return new Caller(Access.user(security), request.getRemoteAddr());
  }

  private static GroupRequest required(GroupRequest body) {
    if (body == null) {
      throw new BadRequestException("A JSON body describing the group is required");
    }
    return body;
  }
}
