package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** vCenter sources and their VMs through the hub's API, against vcsim (a real vSphere API). */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class SourcesIT {
  private static final String VCSIM_USER = "admin";
  private static final String VCSIM_PASSWORD = "vcsim-Secret-1";
  private static final Set<String> VCSIM_VMS =
      Set.of("DC0_H0_VM0", "DC0_H0_VM1", "DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1");

  @ArquillianResource URL deployedAt;
  private VcsimProcess vcsim;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void startVcsim() throws Exception {
    vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-username=" + VCSIM_USER, "-password=" + VCSIM_PASSWORD));
  }

  @AfterEach
  void stopVcsim() throws Exception {
    vcsim.close();
  }

  private HubClient hub() {
    return new HubClient(deployedAt);
  }

  private String source(String name, String password, String certificate) {
    return "{\"name\":\""
        + name
        + "\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\""
        + vcsim.url().getPort()
        + "\",\"username\":\""
        + VCSIM_USER
        + "\",\"password\":\""
        + password
        + "\","
        + certificate
        + "}}";
  }

  private long create(String body) throws Exception {
    HttpResponse<String> created = hub().postJson("api/v1/sources", HubClient.admin(), body);
    assertEquals(201, created.statusCode(), created.body());
    assertFalse(created.body().contains(VCSIM_PASSWORD), "the password is never returned");
    return HubApi.jsonObject(created.body()).getJsonNumber("id").longValue();
  }

  private static Set<String> names(String json) {
    Set<String> names = new TreeSet<>();
    HubApi.objects(HubApi.parse(json).asJsonArray()).forEach(vm -> names.add(vm.getString("name")));
    return names;
  }

  @Test
  void addTrustTestAndDiscoverAVcenter() throws Exception {
    String name = "vc-" + UUID.randomUUID();
    long id = create(source(name, VCSIM_PASSWORD, "\"certificateMode\":\"trust-on-first-use\""));

    HttpResponse<String> untrusted =
        hub().postJson("api/v1/sources/" + id + "/test", HubClient.admin(), "");
    assertTrue(untrusted.body().contains("\"successful\":false"), untrusted.body());
    assertTrue(untrusted.body().contains(vcsim.thumbprint()), "shows the certificate to trust");

    HttpResponse<String> trusted =
        hub()
            .postJson(
                "api/v1/sources/" + id + "/trust",
                HubClient.admin(),
                "{\"thumbprint\":\"" + vcsim.thumbprint() + "\"}");
    assertEquals(200, trusted.statusCode(), trusted.body());
    HttpResponse<String> works =
        hub().postJson("api/v1/sources/" + id + "/test", HubClient.admin(), "");
    assertTrue(works.body().contains("\"successful\":true"), works.body());

    HttpResponse<String> discovered =
        hub().postJson("api/v1/sources/" + id + "/discover", HubClient.admin(), "");
    assertEquals(200, discovered.statusCode(), discovered.body());
    assertTrue(discovered.body().contains("\"lastDiscoveryStatus\":\"SUCCESS\""));
    assertTrue(discovered.body().contains("\"vms\":4"), discovered.body());

    String vms =
        hub().get("api/v1/vm-contexts?source=" + id, "Authorization", HubClient.admin()).body();
    assertEquals(VCSIM_VMS, names(vms));
    assertTrue(vms.contains("\"sourceName\":\"" + name + "\""));
    String filtered =
        hub()
            .get(
                "api/v1/vm-contexts?source=" + id + "&name=c0_rp0",
                "Authorization",
                HubClient.admin())
            .body();
    assertEquals(Set.of("DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1"), names(filtered));

    long vmId = HubApi.parse(vms).asJsonArray().getJsonObject(0).getJsonNumber("id").longValue();
    String vm = hub().get("api/v1/vm-contexts/" + vmId, "Authorization", HubClient.admin()).body();
    jakarta.json.JsonArray disks = HubApi.jsonObject(vm).getJsonArray("disks");
    assertFalse(disks.isEmpty(), vm);
    for (JsonObject disk : HubApi.objects(disks)) {
      assertTrue(disk.getJsonNumber("deviceKey").intValue() > 0, vm);
      assertEquals("LocalDS_0", disk.getString("datastore"), vm);
    }

    HttpResponse<String> again =
        hub().postJson("api/v1/sources/" + id + "/discover", HubClient.admin(), "");
    assertTrue(again.body().contains("4 VMs (0 new, 0 gone)"), again.body());

    HubClient page = hub();
    assertEquals(302, page.formLogin("admin", HubEnvironment.adminPassword()).statusCode());
    assertTrue(page.get("sources/source-list.xhtml").body().contains(name));
    String vmPage = page.get("sources/vm-list.xhtml").body();
    for (String vmName : VCSIM_VMS) {
      assertTrue(vmPage.contains(vmName), vmName + " on the VMs page");
    }
  }

  @Test
  void wrongInputGetsAClearError() throws Exception {
    String name = "vc-" + UUID.randomUUID();
    create(
        source(
            name,
            VCSIM_PASSWORD,
            "\"certificateMode\":\"pinned\",\"thumbprint\":\"" + vcsim.thumbprint() + "\""));
    HttpResponse<String> duplicate =
        hub()
            .postJson(
                "api/v1/sources",
                HubClient.admin(),
                source(name, "x", "\"certificateMode\":\"insecure\""));
    assertEquals(409, duplicate.statusCode());
    assertTrue(duplicate.body().contains("already"), duplicate.body());

    HttpResponse<String> emptyHost =
        hub()
            .postJson(
                "api/v1/sources",
                HubClient.admin(),
                "{\"name\":\"e\",\"config\":{\"host\":\"\",\"username\":\"u\",\"password\":\"p\"}}");
    assertEquals(400, emptyHost.statusCode());
    assertTrue(emptyHost.body().contains("host"), emptyHost.body());

    HttpResponse<String> badPort =
        hub()
            .postJson(
                "api/v1/sources",
                HubClient.admin(),
                "{\"name\":\"p\",\"config\":{\"host\":\"vc\",\"port\":\"70000\",\"username\":\"u\","
                    + "\"password\":\"p\"}}");
    assertEquals(400, badPort.statusCode());
    assertTrue(badPort.body().contains("70000"), badPort.body());

    assertEquals(
        404,
        hub().get("api/v1/vm-contexts/987654321", "Authorization", HubClient.admin()).statusCode());
  }

  @Test
  void aWrongPasswordIsReportedByTestConnection() throws Exception {
    long id =
        create(
            source(
                "vc-" + UUID.randomUUID(),
                "wrong-password",
                "\"certificateMode\":\"pinned\",\"thumbprint\":\"" + vcsim.thumbprint() + "\""));
    HttpResponse<String> test =
        hub().postJson("api/v1/sources/" + id + "/test", HubClient.admin(), "");
    assertTrue(test.body().contains("\"successful\":false"), test.body());
    assertTrue(test.body().contains("\"failure\":\"ACCESS_DENIED\""), test.body());
    assertTrue(test.body().contains("\"problem\":\"LOGIN_FAILED\""), test.body());
    HttpResponse<String> discover =
        hub().postJson("api/v1/sources/" + id + "/discover", HubClient.admin(), "");
    assertEquals(502, discover.statusCode(), discover.body());
    String stored = hub().get("api/v1/sources/" + id, "Authorization", HubClient.admin()).body();
    assertTrue(stored.contains("\"lastDiscoveryStatus\":\"FAILED\""), stored);
  }
}
