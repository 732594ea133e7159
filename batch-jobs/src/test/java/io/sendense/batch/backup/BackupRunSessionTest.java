package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.port.SourcePort;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackupRunSessionTest {
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();

  private final BackupRun run =
      new BackupRun(
          7, 3, new ProgressTracker(7, "vm-1", p -> {}, Clock.systemUTC(), Duration.ofSeconds(3)));

  private SourceSession session(String vmId) {
    return (SourceSession)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {SourceSession.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                closed.add(vmId);
              }
              if (method.getName().equals("toString")) {
                return "session of " + vmId;
              }
              return null;
            });
  }

  private final SourcePort sources =
      vmId -> {
        opened.add(vmId + "@" + Thread.currentThread().getName());
        return session(vmId);
      };

  @Test
  void theSnapshotStepTakesTheSessionLoggedInBesidePrepare() throws Exception {
    run.openSessionInBackground(sources, "vm-1");
    SourceSession s = run.openSession(sources, "vm-1");
    assertEquals("session of vm-1", s.toString());
    assertEquals(List.of("vm-1@sendense-source-login-7"), opened, "one login, in the background");
    assertNull(run.sessionNotTaken(), "taken: the job listener closes it as the run's session");
    assertEquals(List.of(), closed);
  }

  @Test
  void aLoginThatFailedInTheBackgroundFailsTheStepThatTakesIt() {
    SourceException refused = new SourceException(SourceProblem.LOGIN_FAILED, "bad password");
    run.openSessionInBackground(
        vmId -> {
          throw refused;
        },
        "vm-1");
    assertSame(
        refused, assertThrows(SourceException.class, () -> run.openSession(sources, "vm-1")));
    assertEquals(List.of(), opened);
  }

  @Test
  void aSessionNoStepTookIsHandedToTheListenerToClose() {
    run.openSessionInBackground(sources, "vm-1");
    SourceSession left = run.sessionNotTaken();
    assertEquals("session of vm-1", left.toString());
    assertNull(run.sessionNotTaken());
  }

  @Test
  void aSessionForAnotherVmIsClosedAndANewOneOpened() throws Exception {
    run.openSessionInBackground(sources, "vm-1");
    SourceSession s = run.openSession(sources, "vm-2");
    assertEquals("session of vm-2", s.toString());
    assertEquals(List.of("vm-1"), closed);
    assertTrue(opened.contains("vm-2@" + Thread.currentThread().getName()), opened.toString());
  }
}
