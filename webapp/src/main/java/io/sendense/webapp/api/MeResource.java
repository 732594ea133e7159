package io.sendense.webapp.api;

import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.user.AccountService;
import io.sendense.webapp.user.IssuedToken;
import io.sendense.webapp.user.TokenDto;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Who the caller is, the caller's API tokens, and the caller's password. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
  @Inject AccountService accounts;

  @Context HttpServletRequest request;

  @Context SecurityContext security;

  /** The caller's user name and effective roles. */
  @GET
  public Identity me() {
    String name = security.getUserPrincipal().getName();
    List<String> roles = Roles.ALL.stream().filter(security::isUserInRole).toList();
    return new Identity(name, roles);
  }

  /**
   * Issues a bearer token for the caller, valid for {@code expiresInDays} (90 unless given, at most
   * 365); the token is shown in this answer only.
   */
  @POST
  @Path("/tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response issueToken(TokenRequest body) {
    String name = body == null || body.name() == null ? "api" : body.name().strip();
    if (name.isEmpty() || name.length() > 128) {
      throw new Refusal(400, "name must have 1 to 128 characters");
    }
    IssuedToken issued =
        accounts.issueToken(caller(), name, body == null ? null : body.expiresInDays());
    return Response.status(Response.Status.CREATED).entity(issued).build();
  }

  /** The caller's tokens (never the tokens themselves), newest first. */
  @GET
  @Path("/tokens")
  public List<TokenDto> tokens() {
    return accounts.tokensOf(caller().user());
  }

  /** Revokes one of the caller's tokens; it stops working at once. */
  @DELETE
  @Path("/tokens/{id}")
  public Response revoke(@PathParam("id") long id) {
    accounts.revokeToken(id, caller(), false);
    return Response.noContent().build();
  }

  /** Changes the caller's own password; the current one must be given. */
  @POST
  @Path("/password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changePassword(PasswordChange change) {
    if (change == null || change.currentPassword() == null || change.newPassword() == null) {
      throw new Refusal(400, "currentPassword and newPassword are required");
    }
    Fields.atMost("currentPassword", change.currentPassword(), 1024);
    Fields.atMost("newPassword", change.newPassword(), 1024);
    accounts.changePassword(
        caller(), change.currentPassword().toCharArray(), change.newPassword().toCharArray());
    return Response.noContent().build();
  }

  private Caller caller() {
    return new Caller(security.getUserPrincipal().getName(), request.getRemoteAddr());
  }

  public record PasswordChange(String currentPassword, String newPassword) {}

  /** Who the caller is, as {@code GET /me} answers (the audit's caller is {@link Caller}). */
  public record Identity(String username, List<String> roles) {}

  public record TokenRequest(String name, Integer expiresInDays) {}
}
