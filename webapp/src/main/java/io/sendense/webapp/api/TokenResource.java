package io.sendense.webapp.api;

import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.user.AccountService;
import io.sendense.webapp.user.TokenDto;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code /api/v1/tokens}: every user's API tokens, for admins to review and revoke. */
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {
  @Inject AccountService accounts;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  public List<TokenDto> list() {
    Access.require(security, Roles.ADMIN, "list every user's API tokens");
    return accounts.allTokens();
  }

  @DELETE
  @Path("/{id}")
  public Response revoke(@PathParam("id") long id) {
    String admin = Access.require(security, Roles.ADMIN, "revoke other users' API tokens");
    accounts.revokeToken(id, new Caller(admin, request.getRemoteAddr()), true);
    return Response.noContent().build();
  }
}
