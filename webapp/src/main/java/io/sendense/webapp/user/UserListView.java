package io.sendense.webapp.user;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.shell.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Users page (admins only, see web.xml): list, add, enable and disable users. */
@Named
@RequestScoped
public class UserListView {
  @Inject AccountService accounts;
  @Inject SecurityContext security;

  private List<UserRow> rows;
  private String username;
  private String password;
  private List<String> roles = new ArrayList<>(List.of("viewer"));

  public List<UserRow> getRows() {
    if (rows == null) {
      rows = accounts.list().stream().map(UserRow::of).toList();
    }
    return rows;
  }

  public void create() {
    try {
      accounts.add(username, password, Set.copyOf(roles), caller(), null);
      Messages.info("User " + username + " added", "Roles: " + String.join(", ", roles));
      rows = null;
      username = null;
    } catch (IllegalArgumentException | Refusal e) {
      Messages.error("User not added", e.getMessage());
    }
  }

  public void setEnabled(String name, boolean enabled) {
    try {
      accounts.update(name, enabled, null, caller(), null);
      Messages.info("User " + name + (enabled ? " enabled" : " disabled"), null);
      rows = null;
    } catch (IllegalArgumentException | Refusal e) {
      Messages.error("Not changed", e.getMessage());
    }
  }

  private String caller() {
    return security.getCallerPrincipal().getName();
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }

  /** One user as the page shows it. */
  public record UserRow(String username, String roles, boolean enabled, String lastLogin) {
    static UserRow of(UserDto u) {
      return new UserRow(
          u.username(),
          String.join(", ", u.roles()),
          u.enabled(),
          u.lastLoginAt() == null ? "never" : u.lastLoginAt().toString());
    }
  }
}
