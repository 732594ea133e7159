package io.sendense.webapp.security;

import jakarta.faces.context.FacesContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who asked for a change or a download, as the audit log records it: the signed-in user and the
 * address the request came from. Pages and API resources build it the same way.
 */
public record Caller(String user, String remote) {
  /** The hub itself (work it starts on its own, such as abandoning superseded jobs). */
  public static final Caller SYSTEM = new Caller("system", null);

  /** The caller of an API or servlet request. */
  public static Caller of(SecurityContext security, HttpServletRequest request) {
    return new Caller(security.getCallerPrincipal().getName(), request.getRemoteAddr());
  }

  /** The caller of the current Faces request (a page's action). */
  public static Caller ofPage(SecurityContext security) {
    return of(
        security,
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }
}
