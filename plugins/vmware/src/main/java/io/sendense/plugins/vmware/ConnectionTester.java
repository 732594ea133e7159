package io.sendense.plugins.vmware;

import com.vmware.vim25.mo.ServiceInstance;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Test Connection for a vCenter/ESXi: TLS and certificate, login, then the privileges a backup
 * needs, reporting the first thing that is wrong exactly.
 */
final class ConnectionTester {

  /** Privileges backups need on the VMs; checked on the root folder. */
  static final String[] PRIVILEGES = {
    "VirtualMachine.State.CreateSnapshot",
    "VirtualMachine.State.RemoveSnapshot",
    "VirtualMachine.Config.ChangeTracking",
    "VirtualMachine.Provisioning.DiskRandomRead",
    "Datastore.Browse"
  };

  private ConnectionTester() {}

  static SourceConnectionTest test(VmwareSettings settings) {
    PinningTrustManager trust = VmwareConnection.trustFor(settings);
    try (VmwareConnection connection = VmwareConnection.login(settings, trust)) {
      return checkPrivileges(connection.serviceInstance(), trust.seenThumbprint());
    } catch (SourceException e) {
      if (e.problem() == SourceProblem.CERTIFICATE_NOT_TRUSTED) {
        return firstUse(settings, trust.seenThumbprint());
      }
      return SourceConnectionTest.failed(e.problem(), e.getMessage(), trust.seenThumbprint());
    }
  }

  /**
   * No thumbprint pinned yet: checks the rest with the certificate just seen, and asks the
   * administrator to confirm that thumbprint.
   */
  private static SourceConnectionTest firstUse(VmwareSettings settings, String seen) {
    VmwareSettings pinned =
        new VmwareSettings(
            settings.host(),
            settings.port(),
            settings.username(),
            settings.password(),
            CertificateMode.PINNED,
            seen,
            settings.readStreams(),
            settings.timeoutSeconds());
    SourceConnectionTest rest = test(pinned);
    if (!rest.result().successful()) {
      return rest;
    }
    return SourceConnectionTest.failed(
        SourceProblem.CERTIFICATE_NOT_TRUSTED,
        rest.result().message()
            + ". Confirm the server certificate SHA-256 "
            + seen
            + " to trust this server.",
        seen);
  }

  private static SourceConnectionTest checkPrivileges(ServiceInstance si, String thumbprint) {
    String about = si.getAboutInfo().getFullName();
    List<String> missing;
    try {
      missing = missingPrivileges(si);
    } catch (Exception e) {
      String note = "; privileges could not be checked (" + Faults.describe(e) + ")";
      return SourceConnectionTest.success("Connected to " + about + note, thumbprint);
    }
    if (missing.isEmpty()) {
      return SourceConnectionTest.success(
          "Connected to " + about + "; all backup privileges granted", thumbprint);
    }
    return SourceConnectionTest.failed(
        SourceProblem.INSUFFICIENT_PRIVILEGES,
        "Logged in to "
            + about
            + ", but the user lacks "
            + String.join(", ", missing)
            + " on the root folder; grant them (a role with them, propagated) and test again",
        thumbprint);
  }

  private static List<String> missingPrivileges(ServiceInstance si) throws Exception {
    String session = si.getSessionManager().getCurrentSession().getKey();
    boolean[] granted =
        si.getAuthorizationManager().hasPrivilegeOnEntity(si.getRootFolder(), session, PRIVILEGES);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < PRIVILEGES.length; i++) {
      if (granted == null || i >= granted.length || !granted[i]) {
        missing.add(PRIVILEGES[i]);
      }
    }
    return missing;
  }
}
