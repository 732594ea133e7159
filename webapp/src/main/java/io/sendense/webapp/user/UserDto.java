package io.sendense.webapp.user;

import io.sendense.persistence.user.User;
import java.time.Instant;
import java.util.List;

/** A user as admins see it: never the password hash. */
public record UserDto(
    String username, List<String> roles, boolean enabled, Instant createdAt, Instant lastLoginAt) {
  static UserDto of(User u) {
    return new UserDto(
        u.getUsername(),
        u.getRoles().stream().sorted().toList(),
        u.isEnabled(),
        u.getCreatedAt(),
        u.getLastLoginAt());
  }
}
