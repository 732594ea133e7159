package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.user.AccountService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Who the caller is, and API tokens for scripts. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
  @Inject AccountService accounts;
  @Inject AuditService audit;

  @Context jakarta.servlet.http.HttpServletRequest request;

  @Context SecurityContext security;

  /** The caller's user name and effective roles. */
  @GET
  public Caller me() {
    String name = security.getUserPrincipal().getName();
    List<String> roles = Roles.ALL.stream().filter(security::isUserInRole).toList();
    return new Caller(name, roles);
  }

  /** Issues a bearer token for the caller; it is shown in this answer only. */
  @POST
  @Path("/tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  public IssuedToken issueToken(TokenRequest request) {
    String name = request == null || request.name() == null ? "api" : request.name().strip();
    if (name.isEmpty() || name.length() > 128) {
      throw new IllegalArgumentException("Token name must have 1 to 128 characters");
    }
    return new IssuedToken(name, accounts.issueToken(security.getUserPrincipal().getName(), name));
  }

  /** Changes the caller's own password; the current one must be given. */
  @POST
  @Path("/password")
  @Consumes(MediaType.APPLICATION_JSON)
  public jakarta.ws.rs.core.Response changePassword(PasswordChange change) {
    if (change == null || change.currentPassword() == null || change.newPassword() == null) {
      throw new IllegalArgumentException("currentPassword and newPassword are required");
    }
    String user = security.getUserPrincipal().getName();
    accounts.changePassword(
        user, change.currentPassword().toCharArray(), change.newPassword().toCharArray());
    audit.record(
        user, "password.change", user, AuditService.SUCCESS, request.getRemoteAddr(), null);
    return jakarta.ws.rs.core.Response.noContent().build();
  }

  public record PasswordChange(String currentPassword, String newPassword) {}

  public record Caller(String username, List<String> roles) {}

  public record TokenRequest(String name) {}

  public record IssuedToken(String name, String token) {}
}
