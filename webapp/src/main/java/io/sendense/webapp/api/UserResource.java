package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.user.AccountService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/** User administration through the API (admins only). */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
  @Inject AccountService accounts;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @POST
  public Response create(NewUser user) {
    String caller = security.getUserPrincipal().getName();
    if (!security.isUserInRole(Roles.ADMIN)) {
      audit.record(caller, "user.create", null, AuditService.DENIED, request.getRemoteAddr(), null);
      throw new ForbiddenException("Only admins may create users");
    }
    if (user == null
        || user.username() == null
        || !user.username().matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "username must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
    if (user.password() == null) {
      throw new IllegalArgumentException("password is required");
    }
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

  public record NewUser(String username, String password, java.util.List<String> roles) {}

  public record Created(String username, Set<String> roles) {}
}
