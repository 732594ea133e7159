package io.sendense.webapp.security;

import java.util.List;
import java.util.Set;

/**
 * The three roles and what each implies: an admin may do everything an operator may, an operator
 * everything a viewer may. Pages and APIs ask for the least role they need.
 */
public final class Roles {
  public static final String ADMIN = "admin";
  public static final String OPERATOR = "operator";
  public static final String VIEWER = "viewer";
  public static final List<String> ALL = List.of(ADMIN, OPERATOR, VIEWER);

  private Roles() {}

  /** The caller groups a user with {@code roles} gets, implied roles included. */
  public static Set<String> effective(Set<String> roles) {
    if (roles.contains(ADMIN)) {
      return Set.of(ADMIN, OPERATOR, VIEWER);
    }
    if (roles.contains(OPERATOR)) {
      return Set.of(OPERATOR, VIEWER);
    }
    return roles.contains(VIEWER) ? Set.of(VIEWER) : Set.of();
  }
}
