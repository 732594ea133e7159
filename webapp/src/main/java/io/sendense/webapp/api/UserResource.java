package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.user.AccountService;
import io.sendense.webapp.user.UserDto;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
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
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /** Users by name: {@code limit} (default {@value Page#DEFAULT_LIMIT}) from {@code offset}. */
  @GET
  public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    admin("list users", "user.list");
    return Paged.of(
        Page.of(accounts.list(), Page.offset(offset), Page.limit(limit, Page.DEFAULT_LIMIT)));
  }

  @POST
  public Response create(NewUser user) {
    String caller = admin("create users", "user.create");
    if (user == null
        || user.username() == null
        || !user.username().matches("[A-Za-z0-9._-]{1,64}")) {
      throw new Refusal(
          400, "username must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
    if (user.password() == null) {
      throw new Refusal(400, "password is required");
    }
    Fields.atMost("password", user.password(), 1024);
    Set<String> roles = user.roles() == null ? Set.of() : Set.copyOf(user.roles());
    accounts.create(user.username(), user.password().toCharArray(), roles);
    audit.record(
        caller,
        "user.create",
        user.username(),
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        "roles=" + roles);
    return Response.status(Response.Status.CREATED)
        .entity(new Created(user.username(), roles))
        .build();
  }

  /** Changes {@code enabled} and/or {@code roles} of a user (fields left out stay as they are). */
  @PUT
  @Path("/{username}")
  public UserDto update(@PathParam("username") String username, UserChange change) {
    String caller = admin("change users", "user.update");
    if (change == null || (change.enabled() == null && change.roles() == null)) {
      throw new Refusal(400, "Give enabled and/or roles");
    }
    if (change.roles() != null) {
      accounts.setRoles(username, Set.copyOf(change.roles()));
    }
    if (change.enabled() != null) {
      accounts.setEnabled(username, change.enabled());
    }
    audit.record(
        caller,
        "user.update",
        username,
        AuditService.SUCCESS,
        request.getRemoteAddr(),
        change.toString());
    return accounts.list().stream()
        .filter(u -> u.username().equalsIgnoreCase(username))
        .findFirst()
        .orElseThrow(() -> new Refusal(404, "No user named '" + username + "'"));
  }

  private String admin(String what, String action) {
    String caller = security.getUserPrincipal().getName();
    if (!security.isUserInRole(Roles.ADMIN)) {
      audit.record(caller, action, null, AuditService.DENIED, request.getRemoteAddr(), null);
      throw new ForbiddenException("Only admins may " + what);
    }
    return caller;
  }

  public record NewUser(String username, String password, List<String> roles) {}

  public record Created(String username, Set<String> roles) {}

  /** What {@code PUT /users/{username}} takes. */
  public record UserChange(Boolean enabled, List<String> roles) {}
}
