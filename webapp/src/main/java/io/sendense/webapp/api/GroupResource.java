package io.sendense.webapp.api;

import io.sendense.webapp.flow.FlowActions.Caller;
import io.sendense.webapp.group.GroupActions;
import io.sendense.webapp.group.GroupDto;
import io.sendense.webapp.group.GroupRequest;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.group.MemberDto;
import io.sendense.webapp.group.MembersRequest;
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

  @GET
  public List<GroupDto> list() {
    return groups.list();
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
  public List<MemberDto> members(@PathParam("id") long id) {
    return groups.members(id);
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
