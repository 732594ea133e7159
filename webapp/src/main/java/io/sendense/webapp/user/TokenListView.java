package io.sendense.webapp.user;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.shell.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;

/**
 * The API tokens page: the signed-in user's tokens (admins see everyone's), issuing a token (shown
 * once), and revoking one.
 */
@Named
@RequestScoped
public class TokenListView {
  @Inject AccountService accounts;
  @Inject SecurityContext security;

  private List<TokenDto> rows;
  private String name;
  private Integer days;
  private IssuedToken issued;

  public List<TokenDto> getRows() {
    if (rows == null) {
      rows = isAdmin() ? accounts.allTokens() : accounts.tokensOf(user());
    }
    return rows;
  }

  public void issue() {
    try {
      String label = name == null || name.isBlank() ? "api" : name.strip();
      issued = accounts.issueToken(Caller.ofPage(security), label, days);
      Messages.info("Token issued", "Copy it now: it is not shown again");
      rows = null;
      name = null;
    } catch (Refusal e) {
      Messages.error("Token not issued", e.getMessage());
    }
  }

  public void revoke(long id) {
    try {
      TokenDto revoked = accounts.revokeToken(id, Caller.ofPage(security), isAdmin());
      Messages.info("Token revoked", revoked.name() + " of " + revoked.username());
      rows = null;
    } catch (Refusal e) {
      Messages.error("Not revoked", e.getMessage());
    }
  }

  public boolean isAdmin() {
    return security.isCallerInRole(Roles.ADMIN);
  }

  private String user() {
    return security.getCallerPrincipal().getName();
  }

  public IssuedToken getIssued() {
    return issued;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getDays() {
    return days;
  }

  public void setDays(Integer days) {
    this.days = days;
  }
}
