package io.sendense.webapp.user;

import io.sendense.persistence.user.User;
import io.sendense.webapp.security.Roles;
import java.util.Set;

/** What the web layer knows of a user: never the password hash. */
public record Account(
    String username, String displayName, Set<String> roles, String theme, String timeZone) {
  static Account of(User user) {
    return new Account(
        user.getUsername(),
        user.getDisplayName() == null ? user.getUsername() : user.getDisplayName(),
        Roles.effective(user.getRoles()),
        user.getTheme(),
        user.getTimeZone());
  }
}
