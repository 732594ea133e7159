package io.sendense.webapp.user;

import io.sendense.persistence.user.ApiToken;
import io.sendense.persistence.user.User;
import io.sendense.persistence.user.UserStore;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.AccountChanged;
import io.sendense.webapp.security.Authenticator;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.PasswordHasher;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.security.TokenRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Users, their passwords, roles, API tokens and theme preference. Every change that affects who may
 * log in or with which roles fires {@link AccountChanged}, so that authentication forgets what it
 * cached once the change is committed.
 */
@ApplicationScoped
@Transactional
public class AccountService {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PasswordHasher HASHER = PasswordHasher.standard();

  /** Shortest password accepted for new users and changes. */
  public static final int MIN_PASSWORD = 12;

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Inject UserStore users;
  @Inject Event<AccountChanged> changed;
  @Inject Event<TokenRevoked> revoked;
  @Inject Event<PasswordChanged> passwordChanged;
  @Inject Clock clock;
  @Inject AuditService audit;

  @Inject
  @ConfigProperty(name = "sendense.tokens.default-days", defaultValue = "90")
  int tokenDefaultDays;

  @Inject
  @ConfigProperty(name = "sendense.tokens.max-days", defaultValue = "365")
  int tokenMaxDays;

  /**
   * Adds a user for an admin, with the audit record; the username is 1 to 64 letters, digits, dots,
   * dashes or underscores, the password 12 to 1024 characters.
   */
  @RequiresRole(value = Roles.ADMIN, action = "add users")
  public UserDto add(
      String username, String password, Set<String> roles, String caller, String remote) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new Refusal(
          400, "username must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
    if (password == null) {
      throw new Refusal(400, "password is required");
    }
    Fields.atMost("password", password, 1024);
    User user = create(username, password.toCharArray(), roles == null ? Set.of() : roles);
    audit.record(
        caller,
        "user.create",
        username,
        AuditService.SUCCESS,
        remote,
        "roles=" + user.getRoles().stream().sorted().toList());
    return UserDto.of(user);
  }

  /**
   * Changes {@code enabled} and/or {@code roles} of a user for an admin (null leaves a field as it
   * is), with the audit record. Roles apply to open sessions within seconds; a disabled user's
   * sessions and tokens stop working at once; the last enabled admin stays an enabled admin.
   */
  @RequiresRole(value = Roles.ADMIN, action = "change users")
  public UserDto update(
      String username, Boolean enabled, Set<String> roles, String caller, String remote) {
    if (enabled == null && roles == null) {
      throw new Refusal(400, "Give enabled and/or roles");
    }
    User user = find(username);
    List<String> details = new java.util.ArrayList<>();
    if (roles != null) {
      setRoles(user, roles);
      details.add("roles=" + roles.stream().sorted().toList());
    }
    if (enabled != null) {
      setEnabled(user, enabled);
      details.add("enabled=" + enabled);
    }
    audit.record(
        caller,
        "user.update",
        user.getUsername(),
        AuditService.SUCCESS,
        remote,
        String.join(", ", details));
    return UserDto.of(user);
  }

  /** Every user (for admins). */
  @RequiresRole(value = Roles.ADMIN, action = "list users")
  public List<UserDto> list() {
    return users.all().stream().map(UserDto::of).toList();
  }

  public boolean hasUsers() {
    return users.count() > 0;
  }

  public User create(String username, char[] password, Set<String> roles) {
    return create(username, password, roles, false);
  }

  /**
   * Creates a user; with {@code mustChange} the user has to choose a new password before using the
   * pages (the first admin, whose password was generated and written to a file).
   */
  public User create(String username, char[] password, Set<String> roles, boolean mustChange) {
    if (users.byUsername(username).isPresent()) {
      throw new IllegalArgumentException("A user named '" + username + "' already exists");
    }
    if (password.length < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "password must have at least " + MIN_PASSWORD + " characters");
    }
    checkRoles(roles);
    User user = new User();
    user.setUsername(username);
    user.setPasswordHash(HASHER.hash(password));
    user.getRoles().addAll(roles);
    user.setPasswordChangeRequired(mustChange);
    changed.fire(new AccountChanged(username));
    return users.save(user);
  }

  /**
   * Issues a new API token for the caller, valid for {@code days} (the default when null), with the
   * audit record; the token itself is returned once only.
   */
  public IssuedToken issueToken(Caller caller, String name, Integer days) {
    int validity = days == null ? tokenDefaultDays : days;
    if (validity < 1 || validity > tokenMaxDays) {
      throw new Refusal(
          400, "expiresInDays must be between 1 and " + tokenMaxDays + ", not " + validity);
    }
    User user = users.byUsername(caller.user()).orElseThrow();
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = "sdt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ApiToken apiToken = new ApiToken();
    apiToken.setUser(user);
    apiToken.setName(name);
    apiToken.setTokenHash(Authenticator.sha256(token));
    apiToken.setCreatedAt(clock.instant());
    apiToken.setExpiresAt(clock.instant().plus(Duration.ofDays(validity)));
    users.saveToken(apiToken);
    audit.record(
        caller.user(),
        "token.issue",
        name,
        AuditService.SUCCESS,
        caller.remote(),
        "expires " + apiToken.getExpiresAt());
    return new IssuedToken(apiToken.getId(), name, token, apiToken.getExpiresAt());
  }

  /** The tokens of {@code username}, newest first. */
  public List<TokenDto> tokensOf(String username) {
    Instant now = clock.instant();
    return users.byUsername(username).map(users::tokensOf).orElse(List.of()).stream()
        .map(t -> TokenDto.of(t, now))
        .toList();
  }

  /** Every user's tokens (for admins). */
  public List<TokenDto> allTokens() {
    Instant now = clock.instant();
    return users.allTokens().stream().map(t -> TokenDto.of(t, now)).toList();
  }

  /**
   * Revokes token {@code id}, with the audit record. Its owner may revoke it, and an admin ({@code
   * asAdmin}) any token; for anyone else it does not exist (404), so token ids of others are not
   * confirmed.
   *
   * @return the revoked token as it was
   */
  public TokenDto revokeToken(long id, Caller caller, boolean asAdmin) {
    ApiToken token =
        users
            .tokenById(id)
            .filter(t -> asAdmin || t.getUser().getUsername().equalsIgnoreCase(caller.user()))
            .orElseThrow(() -> new Refusal(404, "No API token with id " + id));
    TokenDto dto = TokenDto.of(token, clock.instant());
    users.deleteToken(token);
    revoked.fire(new TokenRevoked(token.getTokenHash()));
    audit.record(
        caller.user(),
        "token.revoke",
        dto.username() + "/" + dto.name(),
        AuditService.SUCCESS,
        caller.remote(),
        null);
    return dto;
  }

  /**
   * Changes the caller's own password after checking the current one, with the audit record. Every
   * session of the user made with the old password ends (see {@link
   * io.sendense.webapp.security.SessionGrant}).
   *
   * @throws IllegalArgumentException if the current password is wrong or the new one too short
   */
  public void changePassword(Caller caller, char[] current, char[] replacement) {
    User user = users.byUsername(caller.user()).orElseThrow();
    if (!HASHER.verify(current, user.getPasswordHash())) {
      throw new IllegalArgumentException("The current password is wrong");
    }
    if (replacement.length < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "The new password must have at least " + MIN_PASSWORD + " characters");
    }
    if (HASHER.verify(replacement, user.getPasswordHash())) {
      throw new IllegalArgumentException("The new password must differ from the current one");
    }
    user.setPasswordHash(HASHER.hash(replacement));
    user.setPasswordChangeRequired(false);
    changed.fire(new AccountChanged(user.getUsername()));
    passwordChanged.fire(new PasswordChanged(user.getUsername()));
    audit.record(
        caller.user(),
        "password.change",
        caller.user(),
        AuditService.SUCCESS,
        caller.remote(),
        null);
  }

  private void setEnabled(User user, boolean enabled) {
    if (!enabled && user.getRoles().contains(Roles.ADMIN)) {
      requireAnotherAdmin(user.getUsername());
    }
    user.setEnabled(enabled);
    changed.fire(new AccountChanged(user.getUsername()));
  }

  private void setRoles(User user, Set<String> roles) {
    checkRoles(roles);
    if (user.getRoles().contains(Roles.ADMIN) && !roles.contains(Roles.ADMIN)) {
      requireAnotherAdmin(user.getUsername());
    }
    user.getRoles().clear();
    user.getRoles().addAll(roles);
    changed.fire(new AccountChanged(user.getUsername()));
  }

  public void setTheme(String username, String theme) {
    users.byUsername(username).ifPresent(u -> u.setTheme(theme));
  }

  /**
   * Remembers the zone {@code username}'s pages show times in; null follows the browser. An unknown
   * zone is refused by name.
   */
  public void setTimeZone(String username, String zone) {
    if (zone != null) {
      try {
        java.time.ZoneId.of(zone);
      } catch (java.time.DateTimeException unknown) {
        throw new Refusal(400, "Unknown time zone '" + zone + "': choose one from the list");
      }
    }
    find(username).setTimeZone(zone);
  }

  public Optional<Account> account(String username) {
    return users.byUsername(username).map(Account::of);
  }

  private User find(String username) {
    return users
        .byUsername(username)
        .orElseThrow(() -> new Refusal(404, "No user named '" + username + "'"));
  }

  private void requireAnotherAdmin(String username) {
    long otherAdmins =
        users.all().stream()
            .filter(u -> u.isEnabled() && u.getRoles().contains(Roles.ADMIN))
            .filter(u -> !u.getUsername().equalsIgnoreCase(username))
            .count();
    if (otherAdmins == 0) {
      throw new IllegalArgumentException("'" + username + "' is the last enabled admin");
    }
  }

  private static void checkRoles(Set<String> roles) {
    if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
      throw new IllegalArgumentException("roles must be some of " + Roles.ALL + ": " + roles);
    }
  }
}
