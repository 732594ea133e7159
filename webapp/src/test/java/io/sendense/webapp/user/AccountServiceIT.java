package io.sendense.webapp.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.persistence.audit.AuditEntry;
import io.sendense.persistence.audit.AuditStore;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import io.sendense.persistence.user.UserStore;
import io.sendense.webapp.audit.AuditServices;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account service on MariaDB, without the server: token and password changes are audited by the
 * service itself, so the pages and the API record them alike (caller, target and address).
 */
@ExtendWith(MariaDbExtension.class)
class AccountServiceIT {
  private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
  private static final String PASSWORD = "correct horse battery";

  private Catalog catalog;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    accounts(a -> a.create("ann", PASSWORD.toCharArray(), Set.of("operator")));
    accounts(a -> a.create("root", PASSWORD.toCharArray(), Set.of("admin")));
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  /** Runs {@code work} on the service over the catalog, in one transaction as the container. */
  private <T> T accounts(Function<AccountService, T> work) {
    return catalog.inTx(
        em -> {
          AccountService accounts = new AccountService();
          accounts.users = new UserStore(em);
          accounts.audit = AuditServices.over(new AuditStore(em));
          accounts.changed = new RecordingEvent<>(new ArrayList<>());
          accounts.revoked = new RecordingEvent<>(new ArrayList<>());
          accounts.passwordChanged = new RecordingEvent<>(new ArrayList<>());
          accounts.clock = Clock.fixed(NOW, ZoneOffset.UTC);
          accounts.tokenDefaultDays = 90;
          accounts.tokenMaxDays = 365;
          return work.apply(accounts);
        });
  }

  private List<String> audited(String action) {
    return catalog.inTx(
        em ->
            new AuditStore(em)
                .recentByAction(action, 10).stream().map(AccountServiceIT::line).toList());
  }

  private static String line(AuditEntry e) {
    return String.join(
        " ",
        e.getUsername(),
        e.getTarget(),
        e.getOutcome(),
        String.valueOf(e.getRemoteAddr()),
        String.valueOf(e.getDetail()));
  }

  @Test
  void issuingATokenIsAuditedWithTheCallerAndAddress() {
    IssuedToken issued = accounts(a -> a.issueToken(new Caller("ann", "10.0.0.7"), "ci", 30));

    assertEquals(NOW.plusSeconds(30 * 86400L), issued.expiresAt());
    assertEquals(
        List.of("ann ci SUCCESS 10.0.0.7 expires 2027-01-05T18:00:00Z"), audited("token.issue"));
  }

  @Test
  void aRevokedTokenIsAuditedByOwnerAndNameWhoeverRevokesIt() {
    long own = accounts(a -> a.issueToken(new Caller("ann", null), "laptop", null)).id();
    long other = accounts(a -> a.issueToken(new Caller("ann", null), "ci", null)).id();

    accounts(a -> a.revokeToken(own, new Caller("ann", "10.0.0.7"), false));
    accounts(a -> a.revokeToken(other, new Caller("root", "10.0.0.9"), true));

    assertEquals(
        List.of("root ann/ci SUCCESS 10.0.0.9 null", "ann ann/laptop SUCCESS 10.0.0.7 null"),
        audited("token.revoke"));
  }

  @Test
  void aTokenOfAnotherUserIsNotRevokedNorAudited() {
    long token = accounts(a -> a.issueToken(new Caller("root", null), "ops", null)).id();

    assertThrows(
        RuntimeException.class,
        () -> accounts(a -> a.revokeToken(token, new Caller("ann", "10.0.0.7"), false)));

    assertEquals(List.of(), audited("token.revoke"));
    assertEquals(1, accounts(a -> a.tokensOf("root")).size());
  }

  @Test
  void aPasswordChangeIsAuditedAndARefusedOneIsNot() {
    assertThrows(
        RuntimeException.class,
        () ->
            accounts(
                a -> {
                  a.changePassword(
                      new Caller("ann", "10.0.0.7"),
                      "wrong password!".toCharArray(),
                      "a new long password".toCharArray());
                  return null;
                }));
    assertEquals(List.of(), audited("password.change"));

    accounts(
        a -> {
          a.changePassword(
              new Caller("ann", "10.0.0.7"),
              PASSWORD.toCharArray(),
              "a new long password".toCharArray());
          return null;
        });

    assertEquals(List.of("ann ann SUCCESS 10.0.0.7 null"), audited("password.change"));
  }
}
