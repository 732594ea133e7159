package io.sendense.webapp.api;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;

/** Role checks for API resources: the least role an action needs. */
final class Access {
  private Access() {}

  static String require(SecurityContext security, String role, String action) {
    if (!security.isUserInRole(role)) {
      throw new ForbiddenException("Only users with the " + role + " role may " + action);
    }
    return security.getUserPrincipal().getName();
  }
}
