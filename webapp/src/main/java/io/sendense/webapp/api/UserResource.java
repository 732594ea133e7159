package io.sendense.webapp.api;

import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.user.AccountService;
import io.sendense.webapp.user.UserDto;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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
import java.util.Set;

/**
 * User administration through the API (admins only): list, create, enable or disable, change roles.
 * A disabled user's sessions and tokens stop working at once; role changes apply to open sessions
 * within seconds.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
  @Inject AccountService accounts;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /** Users by name: {@code limit} (default {@value Page#DEFAULT_LIMIT}) from {@code offset}. */
  @GET
  public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    return Paged.of(
        Page.of(accounts.list(), Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @POST
  public Response create(NewUser user) {
    if (user == null) {
      throw new Refusal(400, "Give username, password and roles");
    }
    Set<String> roles = user.roles() == null ? Set.of() : Set.copyOf(user.roles());
    UserDto created = accounts.add(user.username(), user.password(), roles, caller(), remote());
    return Response.status(Response.Status.CREATED)
        .entity(new Created(created.username(), Set.copyOf(created.roles())))
        .build();
  }

  /** Changes {@code enabled} and/or {@code roles} of a user (fields left out stay as they are). */
  @PUT
  @Path("/{username}")
  public UserDto update(@PathParam("username") String username, UserChange change) {
    if (change == null) {
      throw new Refusal(400, "Give enabled and/or roles");
    }
    return accounts.update(
        username,
        change.enabled(),
        change.roles() == null ? null : Set.copyOf(change.roles()),
        caller(),
        remote());
  }

  private String caller() {
    return security.getUserPrincipal().getName();
  }

  private String remote() {
    return request.getRemoteAddr();
  }

  public record NewUser(String username, String password, List<String> roles) {}

  public record Created(String username, Set<String> roles) {}

  /** What {@code PUT /users/{username}} takes. */
  public record UserChange(Boolean enabled, List<String> roles) {}
}
