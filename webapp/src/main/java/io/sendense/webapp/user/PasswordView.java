package io.sendense.webapp.user;

import io.sendense.webapp.security.Authentication;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.SessionGrant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

/** The signed-in user's own password change. */
@Named
@RequestScoped
public class PasswordView {
  @Inject AccountService accounts;
  @Inject SecurityContext security;
  @Inject FacesContext faces;
  @Inject Authentication authentication;

  private String current;
  private String replacement;
  private String confirmation;

  public void change() {
    String user = security.getCallerPrincipal().getName();
    if (replacement == null || !replacement.equals(confirmation)) {
      message(FacesMessage.SEVERITY_ERROR, "The new passwords do not match");
      return;
    }
    try {
      HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
      accounts.changePassword(
          Caller.of(security, request), current.toCharArray(), replacement.toCharArray());
      // Sessions made with the old password end; this one continues under a new id.
      request.changeSessionId();
      request.getSession().setAttribute(SessionGrant.ATTRIBUTE, authentication.grant(user));
      message(FacesMessage.SEVERITY_INFO, "Password changed");
    } catch (IllegalArgumentException e) {
      message(FacesMessage.SEVERITY_ERROR, e.getMessage());
    }
  }

  private void message(FacesMessage.Severity severity, String text) {
    faces.addMessage(null, new FacesMessage(severity, text, null));
  }

  /** Whether the user must choose a new password before using the other pages. */
  public boolean isRequired() {
    return authentication
        .current(security.getCallerPrincipal().getName())
        .map(io.sendense.webapp.security.UserState::passwordChangeRequired)
        .orElse(false);
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getReplacement() {
    return replacement;
  }

  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getConfirmation() {
    return confirmation;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }
}
