package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private final MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");

  /** A fast hasher that counts how often a password is derived. */
  private static final class CountingHasher extends PasswordHasher {
    final AtomicInteger verifications = new AtomicInteger();

    CountingHasher() {
      super(1000);
    }

    @Override
    public boolean verify(char[] password, String stored) {
      verifications.incrementAndGet();
      return super.verify(password, stored);
    }
  }

  private final CountingHasher hasher = new CountingHasher();
  private final Map<String, UserState> users = new HashMap<>();
  private final Map<String, TokenState> tokens = new HashMap<>();
  private final AtomicInteger userReads = new AtomicInteger();
  private final Authenticator auth =
      new Authenticator(
          new Authenticator.Catalog() {
            @Override
            public Optional<UserState> user(String username) {
              userReads.incrementAndGet();
              return Optional.ofNullable(users.get(username));
            }

            @Override
            public Optional<TokenState> token(String tokenHash) {
              return Optional.ofNullable(tokens.get(tokenHash));
            }
          },
          hasher,
          clock,
          Duration.ofSeconds(5),
          Duration.ofMinutes(2),
          1000);

  private UserState user(String name, String password, boolean enabled, String... roles) {
    UserState state =
        new UserState(
            users.size() + 1,
            name,
            enabled,
            Set.of(roles),
            hasher.hash(password.toCharArray()),
            false);
    users.put(name, state);
    return state;
  }

  @Test
  void aRepeatedCorrectPasswordIsDerivedOnce() {
    UserState otto = user("otto", "operator-pass-1", true, "operator");
    for (int i = 0; i < 20; i++) {
      assertEquals(Optional.of(otto), auth.password("otto", "operator-pass-1".toCharArray()));
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(1, hasher.verifications.get());
    assertTrue(userReads.get() <= 5, "user state read " + userReads.get() + " times in 20 s");
  }

  @Test
  void aWrongPasswordIsNeverServedFromTheCache() {
    user("otto", "operator-pass-1", true, "operator");
    auth.password("otto", "operator-pass-1".toCharArray());
    assertEquals(Optional.empty(), auth.password("otto", "operator-pass-2".toCharArray()));
    assertEquals(2, hasher.verifications.get());
  }

  @Test
  void aChangedPasswordEndsTheCachedVerificationAtOnceWhenEvicted() {
    user("otto", "operator-pass-1", true, "operator");
    auth.password("otto", "operator-pass-1".toCharArray());
    user("otto", "operator-pass-2", true, "operator");
    auth.evict("otto");
    assertEquals(Optional.empty(), auth.password("otto", "operator-pass-1".toCharArray()));
    assertTrue(auth.password("otto", "operator-pass-2".toCharArray()).isPresent());
  }

  @Test
  void aPasswordChangedElsewhereIsNoticedWithinTheStateLifetime() {
    user("otto", "operator-pass-1", true, "operator");
    auth.password("otto", "operator-pass-1".toCharArray());
    user("otto", "operator-pass-2", true, "operator");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(Optional.empty(), auth.password("otto", "operator-pass-1".toCharArray()));
  }

  @Test
  void aDisabledUserIsRefusedEvenWithACachedVerification() {
    UserState otto = user("otto", "operator-pass-1", true, "operator");
    auth.password("otto", "operator-pass-1".toCharArray());
    users.put(
        "otto", new UserState(otto.id(), "otto", false, otto.roles(), otto.passwordHash(), false));
    auth.evict("otto");
    assertEquals(Optional.empty(), auth.password("otto", "operator-pass-1".toCharArray()));
  }

  @Test
  void unknownAndDisabledUsersCostTheSamePasswordDerivation() {
    user("vera", "viewer-pass-01", false, "viewer");
    int before = hasher.verifications.get();
    assertEquals(Optional.empty(), auth.password("nobody", "guess-guess-1".toCharArray()));
    assertEquals(Optional.empty(), auth.password("vera", "viewer-pass-01".toCharArray()));
    assertEquals(before + 2, hasher.verifications.get());
  }

  @Test
  void tokensWorkUntilExpiryRevocationOrTheOwnerIsDisabled() {
    UserState otto = user("otto", "operator-pass-1", true, "operator");
    String hash = Authenticator.sha256("sdt_secret");
    tokens.put(hash, new TokenState(3, "otto", clock.instant().plus(Duration.ofDays(1))));
    assertEquals(otto, auth.token("sdt_secret").orElseThrow().user());
    assertEquals(Optional.empty(), auth.token("sdt_other"));

    tokens.remove(hash);
    auth.evictToken(hash);
    assertEquals(Optional.empty(), auth.token("sdt_secret"), "revoked");

    tokens.put(hash, new TokenState(3, "otto", clock.instant().plus(Duration.ofDays(1))));
    clock.advance(Duration.ofDays(1));
    assertEquals(Optional.empty(), auth.token("sdt_secret"), "expired");

    tokens.put(hash, new TokenState(4, "otto", null));
    auth.evictToken(hash);
    users.put(
        "otto", new UserState(otto.id(), "otto", false, otto.roles(), otto.passwordHash(), false));
    auth.evict("otto");
    assertEquals(Optional.empty(), auth.token("sdt_secret"), "owner disabled");
  }
}
