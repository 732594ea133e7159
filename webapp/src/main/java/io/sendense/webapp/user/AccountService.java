package io.sendense.webapp.user;

import io.sendense.persistence.user.ApiToken;
import io.sendense.persistence.user.User;
import io.sendense.persistence.user.UserStore;
import io.sendense.webapp.security.PasswordHasher;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/** Users, their passwords, roles, API tokens and theme preference. */
@ApplicationScoped
@Transactional
public class AccountService {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PasswordHasher HASHER = PasswordHasher.standard();

  /** Shortest password accepted for new users and changes. */
  public static final int MIN_PASSWORD = 12;

  @Inject UserStore users;

  /** The user with these credentials if they match an enabled account. */
  public Optional<Account> authenticate(String username, char[] password) {
    Optional<User> user = users.byUsername(username).filter(User::isEnabled);
    if (user.isEmpty() || !HASHER.verify(password, user.get().getPasswordHash())) {
      return Optional.empty();
    }
    user.get().setLastLoginAt(Instant.now());
    return user.map(Account::of);
  }

  /** The owner of an unexpired API token. */
  public Optional<Account> authenticateToken(String token) {
    Optional<ApiToken> found = users.tokenByHash(sha256(token));
    Instant now = Instant.now();
    return found
        .filter(t -> t.getExpiresAt() == null || t.getExpiresAt().isAfter(now))
        .filter(t -> t.getUser().isEnabled())
        .map(
            t -> {
              t.setLastUsedAt(now);
              return Account.of(t.getUser());
            });
  }

  public boolean hasUsers() {
    return users.count() > 0;
  }

  public User create(String username, char[] password, Set<String> roles) {
    if (users.byUsername(username).isPresent()) {
      throw new IllegalArgumentException("A user named '" + username + "' already exists");
    }
    if (password.length < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "password must have at least " + MIN_PASSWORD + " characters");
    }
    if (!Roles.ALL.containsAll(roles) || roles.isEmpty()) {
      throw new IllegalArgumentException("Roles must be some of " + Roles.ALL + ": " + roles);
    }
    User user = new User();
    user.setUsername(username);
    user.setPasswordHash(HASHER.hash(password));
    user.getRoles().addAll(roles);
    return users.save(user);
  }

  /** Issues a new API token for {@code username}; the token itself is returned once only. */
  public String issueToken(String username, String name) {
    User user = users.byUsername(username).orElseThrow();
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = "sdt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ApiToken apiToken = new ApiToken();
    apiToken.setUser(user);
    apiToken.setName(name);
    apiToken.setTokenHash(sha256(token));
    users.saveToken(apiToken);
    return token;
  }

  /**
   * Changes {@code username}'s password after checking the current one.
   *
   * @throws IllegalArgumentException if the current password is wrong or the new one too short
   */
  public void changePassword(String username, char[] current, char[] replacement) {
    User user = users.byUsername(username).orElseThrow();
    if (!HASHER.verify(current, user.getPasswordHash())) {
      throw new IllegalArgumentException("The current password is wrong");
    }
    if (replacement.length < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "The new password must have at least " + MIN_PASSWORD + " characters");
    }
    user.setPasswordHash(HASHER.hash(replacement));
  }

  /**
   * Enables or disables a user. The last enabled admin cannot be disabled, so the hub always has
   * someone who can manage it.
   */
  public void setEnabled(String username, boolean enabled) {
    User user =
        users
            .byUsername(username)
            .orElseThrow(() -> new IllegalArgumentException("No user named '" + username + "'"));
    if (!enabled && user.getRoles().contains(Roles.ADMIN)) {
      long otherAdmins =
          users.all().stream()
              .filter(u -> u.isEnabled() && u.getRoles().contains(Roles.ADMIN))
              .filter(u -> !u.getUsername().equals(username))
              .count();
      if (otherAdmins == 0) {
        throw new IllegalArgumentException("'" + username + "' is the last enabled admin");
      }
    }
    user.setEnabled(enabled);
  }

  public void setTheme(String username, String theme) {
    users.byUsername(username).ifPresent(u -> u.setTheme(theme));
  }

  public Optional<Account> account(String username) {
    return users.byUsername(username).map(Account::of);
  }

  static String sha256(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
