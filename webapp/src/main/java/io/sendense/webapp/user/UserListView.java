package io.sendense.webapp.user;

import io.sendense.persistence.user.User;
import io.sendense.persistence.user.UserStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The Users page (admins only, see web.xml). */
@Named
@RequestScoped
public class UserListView {
  @Inject UserStore users;
  private List<UserRow> rows;

  public List<UserRow> getRows() {
    if (rows == null) {
      rows = users.all().stream().map(UserRow::of).toList();
    }
    return rows;
  }

  /** One user as the page shows it. */
  public record UserRow(String username, String roles, boolean enabled, String lastLogin) {
    static UserRow of(User u) {
      return new UserRow(
          u.getUsername(),
          String.join(", ", u.getRoles().stream().sorted().toList()),
          u.isEnabled(),
          u.getLastLoginAt() == null ? "never" : u.getLastLoginAt().toString());
    }
  }
}
