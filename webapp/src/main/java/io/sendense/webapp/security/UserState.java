package io.sendense.webapp.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * What authentication knows of a user at one moment: whether they may log in, their effective
 * roles, and their password hash. The {@link #stamp()} changes whenever the password does, so a
 * session or a cached verification made before a password change no longer matches.
 */
public record UserState(
    long id,
    String username,
    boolean enabled,
    Set<String> roles,
    String passwordHash,
    boolean passwordChangeRequired) {

  public UserState {
    roles = Set.copyOf(roles);
  }

  /** A short digest of the password hash: equal for as long as the password is unchanged. */
  public String stamp() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((id + ":" + passwordHash).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "UserState[" + username + ", enabled=" + enabled + ", roles=" + roles + "]";
  }
}
