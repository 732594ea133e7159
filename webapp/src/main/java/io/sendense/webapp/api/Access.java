package io.sendense.webapp.api;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Role checks for API resources whose services do not check roles themselves ({@code
 * RequiresRole}), and the caller's name for the audit log.
 */
final class Access {
  private Access() {}

  static String require(SecurityContext security, String role, String action) {
    if (!security.isUserInRole(role)) {
      throw new ForbiddenException("Only users with the " + role + " role may " + action);
    }
    return security.getUserPrincipal().getName();
  }

  /** The signed-in caller; the service called next checks the role. */
  static String user(SecurityContext security) {
    return security.getUserPrincipal().getName();
  }
}
