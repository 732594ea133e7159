package io.sendense.webapp.security;

import io.sendense.webapp.common.ExpiringCache;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords and API tokens against the catalog, cheaply enough for every API call.
 *
 * <ul>
 *   <li>A user's state (enabled, roles, password hash) is read at most every {@code stateTtl}, so
 *       roles and disabling take effect on every request within that time, and at once when this
 *       hub changed them ({@link #evict}).
 *   <li>A successful password check is remembered for {@code verifiedTtl}, keyed by an HMAC of user
 *       name and password under a key that exists only in this process; it counts only while the
 *       user's {@link UserState#stamp() stamp} is unchanged and the user is enabled. PBKDF2 runs
 *       once per client per {@code verifiedTtl}, not on every Basic request.
 *   <li>An unknown or disabled user costs the same PBKDF2 run as a known one, so timing does not
 *       tell which user names exist.
 * </ul>
 */
public final class Authenticator {
  /** What authentication reads from the catalog. */
  public interface Catalog {
    Optional<UserState> user(String username);

    Optional<TokenState> token(String tokenHash);
  }

  private final Catalog catalog;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final ExpiringCache<String, Optional<UserState>> states;
  private final ExpiringCache<String, String> verified;
  private final ExpiringCache<String, TokenState> tokens;
  private final Mac mac;
  private final String dummyHash;

  public Authenticator(
      Catalog catalog,
      PasswordHasher hasher,
      Clock clock,
      Duration stateTtl,
      Duration verifiedTtl,
      int maxEntries) {
    this.catalog = catalog;
    this.hasher = hasher;
    this.clock = clock;
    this.states = new ExpiringCache<>(stateTtl, maxEntries, clock);
    this.verified = new ExpiringCache<>(verifiedTtl, maxEntries, clock);
    this.tokens = new ExpiringCache<>(stateTtl, maxEntries, clock);
    this.mac = newMac();
    this.dummyHash = hasher.hash("not-a-real-password".toCharArray());
  }

  /** The user these credentials belong to, if they match an enabled account. */
  public Optional<UserState> password(String username, char[] password) {
    if (username == null || password == null) {
      return Optional.empty();
    }
    Optional<UserState> state = current(username);
    String key = credentialKey(username, password);
    if (state.isPresent()
        && state.get().enabled()
        && state.get().stamp().equals(verified.get(key).orElse(null))) {
      return state;
    }
    boolean matches = hasher.verify(password, state.map(UserState::passwordHash).orElse(dummyHash));
    if (!matches || state.isEmpty() || !state.get().enabled()) {
      return Optional.empty();
    }
    verified.put(key, state.get().stamp());
    return state;
  }

  /** The owner of a valid API token, if the owner is enabled. */
  public Optional<Authenticated> token(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String hash = sha256(token);
    Optional<TokenState> found = tokens.get(hash);
    if (found.isEmpty()) {
      found = catalog.token(hash);
      found.ifPresent(t -> tokens.put(hash, t));
    }
    return found
        .filter(t -> t.validAt(clock.instant()))
        .flatMap(t -> current(t.username()).map(u -> new Authenticated(u, t)))
        .filter(a -> a.user().enabled());
  }

  /** A user's state, at most {@code stateTtl} old; empty for an unknown user. */
  public Optional<UserState> current(String username) {
    String key = username.toLowerCase(java.util.Locale.ROOT);
    Optional<Optional<UserState>> cached = states.get(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<UserState> loaded = catalog.user(username);
    states.put(key, loaded);
    return loaded;
  }

  /** Forgets what is cached of {@code username}: the next request reads the catalog again. */
  public void evict(String username) {
    states.remove(username.toLowerCase(java.util.Locale.ROOT));
    tokens.removeIf(t -> t.username().equalsIgnoreCase(username));
  }

  /** Forgets a token (revoked): the next request with it reads the catalog. */
  public void evictToken(String tokenHash) {
    tokens.remove(tokenHash);
  }

  /** Forgets everything (for example when many users changed at once). */
  public void evictAll() {
    states.clear();
    tokens.clear();
    verified.clear();
  }

  /** Drops expired entries. */
  public void prune() {
    states.prune();
    verified.prune();
    tokens.prune();
  }

  /** A token's owner, with the token. */
  public record Authenticated(UserState user, TokenState token) {}

  private String credentialKey(String username, char[] password) {
    byte[] user = username.getBytes(StandardCharsets.UTF_8);
    byte[] secret = new String(password).getBytes(StandardCharsets.UTF_8);
    synchronized (mac) {
      mac.update(user);
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(secret));
    }
  }

  private static Mac newMac() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** The stored form of an API token: its SHA-256 in hex. */
  public static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
