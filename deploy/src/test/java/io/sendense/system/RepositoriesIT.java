package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plugins and repositories through the API of the real hub, built-in and dropped-in plugins. */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class RepositoriesIT {

  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  private HubClient hub() {
    return new HubClient(deployedAt);
  }

  private static String localRepo(String name, Path folder) {
    return BackupFixture.localRepository(name, folder);
  }

  private static long idOf(HttpResponse<String> response) {
    return HubApi.jsonObject(response.body()).getJsonNumber("id").longValue();
  }

  @Test
  void builtInPluginsAreStartedAndOfferTheirTypes() throws Exception {
    String plugins = hub().get("api/v1/plugins", "Authorization", HubClient.admin()).body();
    for (String id : new String[] {"repo-local", "repo-nfs", "repo-cifs", "vmware"}) {
      assertTrue(plugins.contains("\"id\":\"" + id + "\""), id + " in " + plugins);
    }
    assertFalse(plugins.contains("FAILED"), plugins);
    String types = hub().get("api/v1/repository-types", "Authorization", HubClient.admin()).body();
    assertTrue(types.contains("\"type\":\"local\""), types);
    assertTrue(
        types.contains("\"type\":\"nfs\"") || types.contains("\"type\":\"repo-nfs\""), types);
  }

  @Test
  void firstStartRegistersTheLocalRepositoryWithItsCapacity() throws Exception {
    String list = hub().get("api/v1/repositories", "Authorization", HubClient.admin()).body();
    JsonObject local =
        HubApi.objects(HubApi.parse(list).asJsonArray()).stream()
            .filter(r -> r.getString("name").equals("Local"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no repository called Local: " + list));
    assertEquals("OK", local.getString("status"), list);
    assertTrue(local.getJsonNumber("capacityTotalBytes").longValue() > 0, list);
  }

  @Test
  void createTestRefreshAndDeleteALocalRepository() throws Exception {
    Path folder = Files.createTempDirectory("sendense-repo");
    String name = "it-" + UUID.randomUUID();
    HttpResponse<String> created =
        hub().postJson("api/v1/repositories", HubClient.admin(), localRepo(name, folder));
    assertEquals(201, created.statusCode(), created.body());
    long id = idOf(created);

    HttpResponse<String> duplicate =
        hub().postJson("api/v1/repositories", HubClient.admin(), localRepo(name, folder));
    assertEquals(409, duplicate.statusCode());
    assertTrue(duplicate.body().contains("already exists"), duplicate.body());

    String storage =
        hub()
            .get("api/v1/repositories/" + id + "/storage", "Authorization", HubClient.admin())
            .body();
    long expectedTotal = Files.getFileStore(folder).getTotalSpace();
    assertTrue(storage.contains("\"capacityTotalBytes\":" + expectedTotal), storage);

    HttpResponse<String> deleted =
        hub().delete("api/v1/repositories/" + id, "Authorization", HubClient.admin());
    assertEquals(204, deleted.statusCode());
    assertEquals(
        404,
        hub().get("api/v1/repositories/" + id, "Authorization", HubClient.admin()).statusCode());
  }

  @Test
  void testConnectionReportsTheExactProblem() throws Exception {
    HttpResponse<String> missing =
        hub()
            .postJson(
                "api/v1/repositories/test",
                HubClient.admin(),
                localRepo("x", Path.of("/nonexistent/sendense-" + UUID.randomUUID())));
    assertEquals(200, missing.statusCode(), missing.body());
    assertTrue(missing.body().contains("\"successful\":false"), missing.body());
    assertTrue(missing.body().contains("\"failure\":\"PATH_NOT_FOUND\""), missing.body());

    HttpResponse<String> unknownType =
        hub()
            .postJson(
                "api/v1/repositories",
                HubClient.admin(),
                "{\"name\":\"t\",\"type\":\"tape\",\"config\":{}}");
    assertEquals(400, unknownType.statusCode());
    assertTrue(unknownType.body().contains("No storage type 'tape' is installed"));

    HttpResponse<String> noPath =
        hub()
            .postJson(
                "api/v1/repositories",
                HubClient.admin(),
                "{\"name\":\"t\",\"type\":\"local\",\"config\":{}}");
    assertEquals(400, noPath.statusCode());
    assertTrue(noPath.body().contains("Folder is required"), noPath.body());
  }

  @Test
  void aDroppedInPluginIsLoadedWithoutRestartAndUsable() throws Exception {
    Path jar = Path.of(System.getProperty("sendense.it.example-plugin"));
    Files.copy(
        jar,
        HubEnvironment.dataDir().resolve("plugins").resolve(jar.getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    HttpResponse<String> reloaded = hub().postJson("api/v1/plugins/reload", HubClient.admin(), "");
    assertEquals(200, reloaded.statusCode(), reloaded.body());
    assertTrue(reloaded.body().contains("\"id\":\"example-quota-folder\""), reloaded.body());

    String types = hub().get("api/v1/repository-types", "Authorization", HubClient.admin()).body();
    assertTrue(types.contains("\"type\":\"example-quota-folder\""), types);
    HubClient page = hub();
    assertEquals(302, page.formLogin("admin", HubEnvironment.adminPassword()).statusCode());
    String form = page.get("repositories/repository-list.xhtml").body();
    assertTrue(
        form.contains("Folder with quota (example)"), "the repository form offers the new type");

    Path base = Files.createTempDirectory("sendense-quota");
    HttpResponse<String> created =
        hub()
            .postJson(
                "api/v1/repositories",
                HubClient.admin(),
                "{\"name\":\"quota-"
                    + UUID.randomUUID()
                    + "\",\"type\":\"example-quota-folder\","
                    + "\"config\":{\"baseFolder\":\""
                    + base
                    + "\",\"subFolder\":\"q\","
                    + "\"quotaMib\":\"8\"}}");
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(created.body().contains("\"capacityTotalBytes\":8388608"), created.body());
    assertTrue(Files.isDirectory(base.resolve("q")));
  }

  @Test
  void viewersMayReadButNotChangeRepositories() throws Exception {
    hub()
        .postJson(
            "api/v1/users",
            HubClient.admin(),
            "{\"username\":\"rita\",\"password\":\"viewer-password-2\",\"roles\":[\"viewer\"]}");
    String viewer = HubClient.basic("rita", "viewer-password-2");
    assertEquals(200, hub().get("api/v1/repositories", "Authorization", viewer).statusCode());
    HttpResponse<String> refused =
        hub()
            .postJson(
                "api/v1/repositories",
                viewer,
                localRepo("v", Files.createTempDirectory("sendense-viewer")));
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("Only users with the admin role may create repositories"));
  }
}
