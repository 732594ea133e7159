package io.sendense.webapp.shell;

import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** What the page frame needs: who is signed in, what they may see, and logout. */
@Named
@RequestScoped
public class ShellView {
  @Inject SecurityContext security;
  @Inject FacesContext faces;

  public String getUsername() {
    return security.getCallerPrincipal() == null ? "" : security.getCallerPrincipal().getName();
  }

  public boolean isAdmin() {
    return security.isCallerInRole(Roles.ADMIN);
  }

  /** Operators and admins may run, stop and restart jobs and restore. */
  public boolean isOperator() {
    return security.isCallerInRole(Roles.OPERATOR);
  }

  public void logout() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/login.xhtml?loggedOut=true");
  }
}
