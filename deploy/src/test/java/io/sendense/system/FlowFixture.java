package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** What flow tests need around them: a discovered vcsim source and a local repository. */
final class FlowFixture implements AutoCloseable {
  static final String VCSIM_USER = "admin";
  static final String VCSIM_PASSWORD = "vcsim-Secret-1";

  final VcsimProcess vcsim;
  final HubClient hub;
  final long sourceId;

  private FlowFixture(VcsimProcess vcsim, HubClient hub, long sourceId) {
    this.vcsim = vcsim;
    this.hub = hub;
    this.sourceId = sourceId;
  }

  /** Starts vcsim, adds it as a source pinned to its certificate and discovers its VMs. */
  static FlowFixture start(HubClient hub) throws Exception {
    VcsimProcess vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-username=" + VCSIM_USER, "-password=" + VCSIM_PASSWORD));
    String body =
        "{\"name\":\"vc-"
            + UUID.randomUUID()
            + "\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\""
            + vcsim.url().getPort()
            + "\",\"username\":\""
            + VCSIM_USER
            + "\",\"password\":\""
            + VCSIM_PASSWORD
            + "\",\"certificateMode\":\"pinned\",\"thumbprint\":\""
            + vcsim.thumbprint()
            + "\"}}";
    long source = id(created(hub.postJson("api/v1/sources", HubClient.admin(), body)));
    HttpResponse<String> discovered =
        hub.postJson("api/v1/sources/" + source + "/discover", HubClient.admin(), "");
    assertEquals(200, discovered.statusCode(), discovered.body());
    return new FlowFixture(vcsim, hub, source);
  }

  /** The catalog id of the VM called {@code name} on this source. */
  long vm(String name) throws Exception {
    String vms =
        hub.get(
                "api/v1/vm-contexts?source=" + sourceId + "&name=" + name,
                "Authorization",
                HubClient.admin())
            .body();
    List<JsonObject> named =
        HubApi.objects(HubApi.parse(vms).asJsonArray()).stream()
            .filter(vm -> vm.getString("name").equals(name))
            .toList();
    assertEquals(1, named.size(), vms);
    return named.get(0).getJsonNumber("id").longValue();
  }

  /** A new local repository in a fresh folder. */
  long localRepository(Path folder) throws Exception {
    Files.createDirectories(folder);
    String body = BackupFixture.localRepository("repo-" + UUID.randomUUID(), folder);
    return id(created(hub.postJson("api/v1/repositories", HubClient.admin(), body)));
  }

  /** A group with these VMs as hand-made members. */
  long group(String name, long... vmIds) throws Exception {
    long group =
        id(
            created(
                hub.postJson(
                    "api/v1/protection-groups",
                    HubClient.admin(),
                    "{\"name\":\"" + name + "\",\"description\":\"flow test\"}")));
    StringBuilder ids = new StringBuilder();
    for (long vm : vmIds) {
      ids.append(ids.length() == 0 ? "" : ",").append(vm);
    }
    HttpResponse<String> added =
        hub.postJson(
            "api/v1/protection-groups/" + group + "/members",
            HubClient.admin(),
            "{\"vmIds\":[" + ids + "]}");
    assertEquals(200, added.statusCode(), added.body());
    return group;
  }

  long flow(String json) throws Exception {
    return id(created(hub.postJson("api/v1/protection-flows", HubClient.admin(), json)));
  }

  /**
   * Runs a flow now (Run Now through the API), waits until the run has ended and checks that it
   * ended in {@code status}; returns the flow's last status answer.
   */
  String runOnce(long flow, String status, Duration within) throws Exception {
    HttpResponse<String> run =
        hub.postJson("api/v1/protection-flows/" + flow + "/execute", HubClient.admin(), "");
    assertEquals(202, run.statusCode(), run.body());
    String done = awaitStatus(flow, s -> !s.contains("\"running\":{"), new ArrayList<>(), within);
    assertEquals(status, field(done, "status"), done);
    return done;
  }

  /** Polls a flow's status until {@code done} holds, collecting every status seen on the way. */
  String awaitStatus(long flow, Predicate<String> done, List<String> seen, Duration within)
      throws Exception {
    Instant deadline = Instant.now().plus(within);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      body =
          hub.get("api/v1/protection-flows/" + flow + "/status", "Authorization", HubClient.admin())
              .body();
      String status = field(body, "status");
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
        seen.add(status);
      }
      if (done.test(body)) {
        return body;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "Flow " + flow + " did not get there in " + within + "; last: " + body);
  }

  /** The text field {@code name} of the JSON object {@code json}, null when absent or null. */
  static String field(String json, String name) {
    JsonObject object = HubApi.jsonObject(json);
    return object.containsKey(name) && !object.isNull(name) ? object.getString(name) : null;
  }

  static HttpResponse<String> created(HttpResponse<String> response) {
    assertEquals(201, response.statusCode(), response.body());
    return response;
  }

  static long id(HttpResponse<String> response) {
    return HubApi.jsonObject(response.body()).getJsonNumber("id").longValue();
  }

  @Override
  public void close() throws Exception {
    vcsim.close();
  }
}
