package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VcsimExtension.class)
class VmwareConnectionIT {

  private final VmwareSourceType type = new VmwareSourceType();

  private SourceConnectionTest test(Vcsim vcsim, String field, String value) {
    return type.testConnection(new TestContext(vcsim.configuration().with(field, value)));
  }

  @Test
  void pinnedThumbprintConnectsAndReportsTheServer(Vcsim vcsim) {
    SourceConnectionTest result = type.testConnection(new TestContext(vcsim.configuration()));
    assertTrue(result.result().successful(), result.result().message());
    assertTrue(
        result.result().message().contains("VMware vCenter Server 6.5.0"),
        result.result().message());
    assertEquals(vcsim.thumbprint(), result.certificateSha256());
  }

  @Test
  void thumbprintWithColonsAndCapitalsIsAccepted(Vcsim vcsim) {
    String colons = vcsim.thumbprint().toUpperCase().replaceAll("(..)(?!$)", "$1:");
    assertTrue(test(vcsim, "thumbprint", colons).result().successful());
  }

  @Test
  void otherThumbprintIsReportedAsMismatchWithTheOneSeen(Vcsim vcsim) {
    SourceConnectionTest result = test(vcsim, "thumbprint", "ab".repeat(32));
    assertEquals(SourceProblem.CERTIFICATE_MISMATCH, result.problem());
    assertEquals(FailureKind.ACCESS_DENIED, result.result().failure());
    assertEquals(vcsim.thumbprint(), result.certificateSha256());
    assertTrue(result.result().message().contains(vcsim.thumbprint()));
  }

  @Test
  void firstUseShowsTheThumbprintToConfirmWithoutLoggingIn(Vcsim vcsim) {
    SourceConnectionTest result =
        type.testConnection(
            new TestContext(
                vcsim
                    .configuration()
                    .with("certificateMode", "trust-on-first-use")
                    .with("thumbprint", "")));
    assertEquals(SourceProblem.CERTIFICATE_NOT_TRUSTED, result.problem());
    assertEquals(vcsim.thumbprint(), result.certificateSha256());
    String message = result.result().message();
    assertTrue(message.contains(vcsim.thumbprint()), message);
    assertTrue(message.contains("no password is sent"), message);
    assertTrue(!message.contains("privileges granted"), "no login happened: " + message);
  }

  @Test
  void firstUseWithoutConfirmedThumbprintOpensNoSession(Vcsim vcsim) {
    TestContext context =
        new TestContext(
            vcsim
                .configuration()
                .with("certificateMode", "trust-on-first-use")
                .with("thumbprint", ""));
    SourceException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SourceException.class, () -> type.open(context));
    assertEquals(SourceProblem.CERTIFICATE_NOT_TRUSTED, e.problem());
  }

  @Test
  void insecureModeAcceptsAnyCertificate(Vcsim vcsim) {
    SourceConnectionTest result =
        type.testConnection(
            new TestContext(
                vcsim.configuration().with("certificateMode", "insecure").with("thumbprint", "")));
    assertTrue(result.result().successful(), result.result().message());
    assertTrue(
        result.result().message().contains("WARNING: certificate checks are off")
            && result.result().message().contains(vcsim.thumbprint()),
        result.result().message());
  }

  @Test
  void wrongPasswordIsReportedAsLoginFailure(Vcsim vcsim) {
    SourceConnectionTest result = test(vcsim, "password", "not-the-password");
    assertEquals(SourceProblem.LOGIN_FAILED, result.problem(), result.result().message());
    assertTrue(result.result().message().contains("user name or password refused"));
  }

  @Test
  void closedPortIsReportedAsUnreachable(Vcsim vcsim) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    SourceConnectionTest result = test(vcsim, "port", Integer.toString(port));
    assertEquals(SourceProblem.UNREACHABLE, result.problem(), result.result().message());
    assertEquals(FailureKind.HOST_UNREACHABLE, result.result().failure());
  }

  @Test
  @VcsimOptions(denyPrivileges = {"VirtualMachine.State.CreateSnapshot", "Datastore.Browse"})
  void missingPrivilegesAreListedByName(Vcsim vcsim) {
    SourceConnectionTest result = type.testConnection(new TestContext(vcsim.configuration()));
    assertEquals(
        SourceProblem.INSUFFICIENT_PRIVILEGES, result.problem(), result.result().message());
    assertTrue(
        result.result().message().contains("VirtualMachine.State.CreateSnapshot, Datastore.Browse"),
        result.result().message());
  }
}
