package io.sendense.webapp.security;

import io.sendense.persistence.user.User;
import io.sendense.persistence.user.UserStore;
import io.sendense.webapp.common.ExpiringCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hub's authentication service: passwords and tokens checked by the {@link Authenticator}
 * (cached user states and verifications), guessing slowed by the {@link LoginThrottle}, failures
 * audited in aggregate ({@link LoginFailureTally}), logins recorded without versioned writes, and
 * page sessions re-checked on every request ({@link SessionGrant}).
 */
@ApplicationScoped
public class Authentication {
  private static final Logger LOG = Logger.getLogger(Authentication.class.getName());
  static final String TOKEN_USER = "(api token)";
  private static final Duration RECORD_EVERY = Duration.ofMinutes(1);

  @Inject UserStore users;
  @Inject AuditTrail audit;
  @Inject LoginRecorder recorder;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "sendense.auth.state-cache-seconds", defaultValue = "5")
  long stateSeconds;

  @Inject
  @ConfigProperty(name = "sendense.auth.verified-cache-seconds", defaultValue = "120")
  long verifiedSeconds;

  @Inject
  @ConfigProperty(name = "sendense.login.failures-per-user", defaultValue = "5")
  int failuresPerUser;

  @Inject
  @ConfigProperty(name = "sendense.login.failures-per-address", defaultValue = "20")
  int failuresPerAddress;

  @Inject
  @ConfigProperty(name = "sendense.login.window-minutes", defaultValue = "5")
  long windowMinutes;

  @Inject
  @ConfigProperty(name = "sendense.session.max-hours", defaultValue = "12")
  long sessionHours;

  private Authenticator authenticator;
  private LoginThrottle throttle;
  private LoginFailureTally failures;
  private ExpiringCache<String, Boolean> recentlyRecorded;

  @PostConstruct
  void init() {
    authenticator =
        new Authenticator(
            new Catalog(),
            PasswordHasher.standard(),
            clock,
            Duration.ofSeconds(Math.max(0, stateSeconds)),
            Duration.ofSeconds(Math.max(0, verifiedSeconds)),
            10_000);
    throttle =
        new LoginThrottle(
            Math.max(1, failuresPerUser),
            Math.max(failuresPerUser, failuresPerAddress),
            Duration.ofMinutes(Math.max(1, windowMinutes)),
            10_000,
            clock);
    failures = new LoginFailureTally(1_000, Duration.ofMinutes(Math.max(1, windowMinutes)), clock);
    recentlyRecorded = new ExpiringCache<>(RECORD_EVERY, 10_000, clock);
  }

  /** The outcome of a login: the user, or why not. */
  public record Outcome(UserState user, String error) {
    static Outcome refused(String error) {
      return new Outcome(null, error);
    }

    public boolean ok() {
      return user != null;
    }
  }

  /**
   * Checks a user name and password from {@code address}. A page login ({@code page}) is always
   * recorded and audited; an API call with Basic credentials updates the last login at most once a
   * minute and is not audited when it succeeds.
   */
  public Outcome password(String username, char[] password, String address, boolean page) {
    String user = username == null ? "" : username;
    Optional<Outcome> throttled = throttled(user, address);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    Optional<UserState> state = authenticator.password(user, password);
    if (state.isEmpty()) {
      return failed(user, address, "Wrong user name or password");
    }
    throttle.succeeded(user, address);
    UserState found = state.get();
    if (page) {
      audit.record(found.username(), "login", null, AuditTrail.SUCCESS, address, null);
      record("u" + found.id(), () -> recorder.login(found.id(), clock.instant()), true);
    } else {
      record("u" + found.id(), () -> recorder.login(found.id(), clock.instant()), false);
    }
    return new Outcome(found, null);
  }

  /** Checks an API token from {@code address}. */
  public Outcome token(String token, String address) {
    Optional<Outcome> throttled = throttled(TOKEN_USER, address);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    Optional<Authenticator.Authenticated> found = authenticator.token(token);
    if (found.isEmpty()) {
      return failed(TOKEN_USER, address, "Unknown, expired or revoked API token");
    }
    long id = found.get().token().id();
    record("t" + id, () -> recorder.tokenUse(id, clock.instant()), false);
    return new Outcome(found.get().user(), null);
  }

  /** The user a page session stands for, re-checked now; empty when the session must end. */
  public Optional<UserState> session(SessionGrant grant) {
    return grant.check(
        authenticator.current(grant.username()),
        clock.instant(),
        Duration.ofHours(Math.max(1, sessionHours)));
  }

  /**
   * A session grant for {@code user} as of now (after a login or the user's own password change).
   */
  public SessionGrant grant(String username) {
    authenticator.evict(username);
    UserState state =
        authenticator
            .current(username)
            .orElseThrow(() -> new IllegalStateException("No user " + username));
    return new SessionGrant(state.username(), state.stamp(), clock.instant());
  }

  /** The user's current state (cached for a few seconds). */
  public Optional<UserState> current(String username) {
    return authenticator.current(username);
  }

  void accountChanged(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged changed) {
    authenticator.evict(changed.username());
  }

  void tokenRevoked(@Observes(during = TransactionPhase.AFTER_COMPLETION) TokenRevoked revoked) {
    authenticator.evictToken(revoked.tokenHash());
  }

  /** Drops expired cache and throttle entries and audits the failures counted since last time. */
  public void housekeeping() {
    authenticator.prune();
    throttle.prune();
    recentlyRecorded.prune();
    for (LoginFailureTally.Summary s : failures.drain()) {
      boolean refused = AuditTrail.DENIED.equals(s.key().outcome());
      String detail =
          s.count()
              + (refused ? " attempts refused while throttled" : " more failed logins")
              + " between "
              + s.first()
              + " and "
              + s.last();
      audit.record(s.key().user(), "login", null, s.key().outcome(), s.key().address(), detail);
    }
  }

  private Optional<Outcome> throttled(String user, String address) {
    Duration wait = throttle.retryAfter(user, address);
    if (wait.isZero()) {
      return Optional.empty();
    }
    failures.count(new LoginFailureTally.Key(user, address, AuditTrail.DENIED));
    return Optional.of(
        Outcome.refused(
            "Too many failed logins: try again in " + Math.max(1, wait.toSeconds()) + " s"));
  }

  private Outcome failed(String user, String address, String message) {
    LoginFailureTally.Key key = new LoginFailureTally.Key(user, address, AuditTrail.FAILURE);
    boolean first = failures.first(key);
    if (throttle.failed(user, address)) {
      failures.reset(key);
      Duration wait = throttle.retryAfter(user, address);
      audit.record(
          user,
          "login",
          null,
          AuditTrail.DENIED,
          address,
          "throttled after repeated failed logins; refused for " + wait.toSeconds() + " s");
    } else if (first) {
      audit.record(user, "login", null, AuditTrail.FAILURE, address, null);
    }
    return Outcome.refused(message);
  }

  private void record(String key, Runnable write, boolean always) {
    if (!always && recentlyRecorded.get(key).isPresent()) {
      return;
    }
    recentlyRecorded.put(key, Boolean.TRUE);
    try {
      write.run();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not record a login time; it is informational only", e);
    }
  }

  /** The catalog as authentication reads it: outside any transaction, no entity kept. */
  private final class Catalog implements Authenticator.Catalog {
    @Override
    public Optional<UserState> user(String username) {
      return users.byUsername(username).map(Authentication::state);
    }

    @Override
    public Optional<TokenState> token(String tokenHash) {
      return users
          .tokenByHash(tokenHash)
          .map(t -> new TokenState(t.getId(), t.getUser().getUsername(), t.getExpiresAt()));
    }
  }

  static UserState state(User u) {
    return new UserState(
        u.getId(),
        u.getUsername(),
        u.isEnabled(),
        Roles.effective(u.getRoles()),
        u.getPasswordHash(),
        u.isPasswordChangeRequired());
  }
}
