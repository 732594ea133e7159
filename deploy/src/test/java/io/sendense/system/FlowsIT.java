package io.sendense.system;

import static io.sendense.system.FlowFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/** Protection groups and flows through the API, backing up vcsim VMs into a local repository. */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class FlowsIT {
  @ArquillianResource URL deployedAt;
  private FlowFixture fixture;
  private HubClient hub;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void setUp() throws Exception {
    hub = new HubClient(deployedAt);
    fixture = FlowFixture.start(hub);
  }

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  private static Path folder(String name) {
    return Path.of(System.getProperty("sendense.it.workdir"), name + "-" + UUID.randomUUID());
  }

  @Test
  void runNowBacksUpBothVmsOfAGroupAndEndsSuccess() throws Exception {
    long vm0 = fixture.vm("DC0_H0_VM0");
    long vm1 = fixture.vm("DC0_H0_VM1");
    long repo = fixture.localRepository(folder("repo"));
    long group = fixture.group("pair-" + UUID.randomUUID(), vm0, vm1);
    String members =
        hub.get(
                "api/v1/protection-groups/" + group + "/members",
                "Authorization",
                HubClient.admin())
            .body();
    assertTrue(members.contains("DC0_H0_VM0") && members.contains("DC0_H0_VM1"), members);

    String name = "nightly-" + UUID.randomUUID();
    long flow =
        fixture.flow(
            "{\"name\":\""
                + name
                + "\",\"targetGroupId\":"
                + group
                + ",\"repositoryId\":"
                + repo
                + ",\"schedule\":\"0 3 * * *\",\"timeZone\":\"Europe/Berlin\"}");
    String created =
        hub.get("api/v1/protection-flows/" + flow, "Authorization", HubClient.admin()).body();
    assertEquals("NEVER_RUN", field(created, "status"), created);
    assertTrue(field(created, "nextRunAt").matches("[0-9-]+T0[12]:00:00Z"), created);

    HttpResponse<String> run =
        hub.postJson("api/v1/protection-flows/" + flow + "/execute", HubClient.admin(), "");
    assertEquals(202, run.statusCode(), run.body());
    assertEquals("RUNNING", field(run.body(), "status"), "Run Now returns at once, running");
    assertTrue(run.body().contains("\"vmsTotal\":2"), run.body());

    List<String> seen = new ArrayList<>();
    String done =
        fixture.awaitStatus(flow, s -> !s.contains("\"running\":{"), seen, Duration.ofMinutes(4));
    assertEquals("SUCCESS", field(done, "status"), done + " after " + seen);
    assertTrue(done.contains("\"runsTotal\":1") && done.contains("\"runsSucceeded\":1"), done);

    String executions =
        hub.get(
                "api/v1/protection-flows/" + flow + "/executions",
                "Authorization",
                HubClient.admin())
            .body();
    List<JsonObject> runs = HubApi.objects(HubApi.parse(executions).asJsonArray());
    assertEquals(1, runs.size(), executions);
    assertEquals(2, runs.get(0).getInt("vmsSucceeded"), executions);
    List<JsonObject> vms = HubApi.objects(runs.get(0).getJsonArray("vms"));
    assertEquals(2, vms.size(), executions);
    for (JsonObject vm : vms) {
      assertTrue(vm.getJsonNumber("jobExecutionId").longValue() > 0, executions);
    }
    for (long vm : new long[] {vm0, vm1}) {
      String machine =
          hub.get("api/v1/vm-contexts/" + vm + "/backups", "Authorization", HubClient.admin())
              .body();
      assertTrue(machine.contains("\"totalBackups\":1"), machine);
      assertTrue(machine.contains("\"successRate\":100"), machine);
    }
    String summary =
        hub.get("api/v1/protection-flows/summary", "Authorization", HubClient.admin()).body();
    assertTrue(HubApi.jsonObject(summary).getInt("success") > 0, summary);
  }

  /**
   * No one presses Run Now: a per-minute flow starts by itself (trigger SCHEDULE, by the
   * scheduler). Its VM's disk downloads are slowed so that the run outlasts the next minute; that
   * run is recorded SKIPPED with the reason, and the first run still ends SUCCESS.
   */
  @Test
  void aCronFlowRunsByItselfAndSkipsARunWhileItsLastRunStillRuns() throws Exception {
    VcsimHooks hooks = new VcsimHooks(fixture.vcsim);
    String vmName = "DC0_H0_VM0";
    long vm = fixture.vm(vmName);
    long repo = fixture.localRepository(folder("cron-repo"));
    // 64 MiB of data read at 10 s per MiB on each of 4 connections: the first run takes minutes.
    java.util.Random random = new java.util.Random(7);
    byte[] mib = new byte[1 << 20];
    try (java.io.RandomAccessFile disk =
        new java.io.RandomAccessFile(hooks.flatFile(vmName, 1).toFile(), "rw")) {
      for (int i = 0; i < 64; i++) {
        random.nextBytes(mib);
        disk.write(mib);
      }
    }
    hooks.downloads(vmName, false, 10_000);
    long flow =
        fixture.flow(
            "{\"name\":\"every-minute-"
                + UUID.randomUUID()
                + "\",\"targetVmId\":"
                + vm
                + ",\"repositoryId\":"
                + repo
                + ",\"schedule\":\"* * * * *\",\"timeZone\":\"UTC\"}");
    try {
      jakarta.json.JsonObject skipped = awaitExecution(flow, "SKIPPED", Duration.ofMinutes(4));
      hooks.downloads(vmName, false, 0);
      assertEquals("SCHEDULE", skipped.getString("trigger"), skipped.toString());
      assertEquals("scheduler", skipped.getString("triggeredBy"), skipped.toString());
      assertTrue(
          skipped
              .getString("message")
              .matches("Skipped: Execution #\\d+ of this flow is still running"),
          skipped.toString());
      jakarta.json.JsonObject done = awaitExecution(flow, "SUCCESS", Duration.ofMinutes(4));
      assertEquals("SCHEDULE", done.getString("trigger"), done.toString());
      assertEquals("scheduler", done.getString("triggeredBy"), done.toString());
      assertEquals(1, done.getInt("vmsSucceeded"), done.toString());
      assertTrue(
          done.getJsonNumber("id").longValue() < skipped.getJsonNumber("id").longValue(),
          "the run that succeeded is the one the later minute was skipped for");
    } finally {
      hooks.downloads(vmName, false, 0);
      assertEquals(
          200,
          hub.postJson("api/v1/protection-flows/" + flow + "/disable", HubClient.admin(), "")
              .statusCode());
    }
  }

  /** The flow's oldest execution with {@code status}, waiting for one. */
  private jakarta.json.JsonObject awaitExecution(long flow, String status, Duration within)
      throws Exception {
    java.time.Instant deadline = java.time.Instant.now().plus(within);
    String body = "";
    while (java.time.Instant.now().isBefore(deadline)) {
      body =
          hub.get(
                  "api/v1/protection-flows/" + flow + "/executions",
                  "Authorization",
                  HubClient.admin())
              .body();
      java.util.Optional<jakarta.json.JsonObject> found =
          jakarta.json.Json.createReader(new java.io.StringReader(body)).readArray().stream()
              .map(jakarta.json.JsonValue::asJsonObject)
              .filter(e -> e.getString("status").equals(status))
              .min(java.util.Comparator.comparing(e -> e.getJsonNumber("id").longValue()));
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no " + status + " execution within " + within + ": " + body);
  }

  @Test
  void aFlowWhoseRepositoryIsUnreachableEndsFailedWithTheReason() throws Exception {
    Path gone = folder("gone");
    long repo = fixture.localRepository(gone);
    Files.delete(gone);
    long vm = fixture.vm("DC0_C0_RP0_VM0");
    long flow =
        fixture.flow(
            "{\"name\":\"lost-"
                + UUID.randomUUID()
                + "\",\"targetVmId\":"
                + vm
                + ",\"repositoryId\":"
                + repo
                + "}");
    HttpResponse<String> run =
        hub.postJson("api/v1/protection-flows/" + flow + "/execute", HubClient.admin(), "");
    assertEquals(202, run.statusCode(), run.body());
    String done =
        fixture.awaitStatus(
            flow, s -> !s.contains("\"running\":{"), new ArrayList<>(), Duration.ofMinutes(2));
    assertEquals("FAILED", field(done, "status"), done);
    String reason = field(done, "lastMessage");
    assertTrue(
        reason != null
            && (reason.contains(gone.toString()) || reason.toLowerCase().contains("repositor")),
        "the reason names the repository: " + done);
  }

  @Test
  void badInputIsRefusedWithAMessageAndNothingIsSaved() throws Exception {
    long vm = fixture.vm("DC0_C0_RP0_VM1");
    long repo = fixture.localRepository(folder("repo"));
    String base = "\"targetVmId\":" + vm + ",\"repositoryId\":" + repo;

    HttpResponse<String> badCron =
        hub.postJson(
            "api/v1/protection-flows",
            HubClient.admin(),
            "{\"name\":\"bad-cron\"," + base + ",\"schedule\":\"0 25 * * *\"}");
    assertEquals(400, badCron.statusCode(), badCron.body());
    assertTrue(badCron.body().contains("Field 2 (hour) '25' is out of range 0-23"), badCron.body());

    String name = "once-" + UUID.randomUUID();
    fixture.flow("{\"name\":\"" + name + "\"," + base + "}");
    HttpResponse<String> twice =
        hub.postJson(
            "api/v1/protection-flows",
            HubClient.admin(),
            "{\"name\":\"" + name + "\"," + base + "}");
    assertEquals(409, twice.statusCode(), twice.body());
    assertTrue(twice.body().contains("already exists"), twice.body());

    HttpResponse<String> noVm =
        hub.postJson(
            "api/v1/protection-flows",
            HubClient.admin(),
            "{\"name\":\"no-vm\",\"targetVmId\":987654,\"repositoryId\":" + repo + "}");
    assertEquals(400, noVm.statusCode(), noVm.body());
    assertTrue(noVm.body().contains("No VM with id 987654"), noVm.body());

    HttpResponse<String> noRepo =
        hub.postJson(
            "api/v1/protection-flows",
            HubClient.admin(),
            "{\"name\":\"no-repo\",\"targetVmId\":" + vm + ",\"repositoryId\":987654}");
    assertEquals(400, noRepo.statusCode(), noRepo.body());
    assertTrue(noRepo.body().contains("No repository with id 987654"), noRepo.body());

    long empty =
        FlowFixture.id(
            FlowFixture.created(
                hub.postJson(
                    "api/v1/protection-groups",
                    HubClient.admin(),
                    "{\"name\":\"empty-" + UUID.randomUUID() + "\"}")));
    HttpResponse<String> emptyGroup =
        hub.postJson(
            "api/v1/protection-flows",
            HubClient.admin(),
            "{\"name\":\"empty-flow\",\"targetGroupId\":"
                + empty
                + ",\"repositoryId\":"
                + repo
                + "}");
    assertEquals(400, emptyGroup.statusCode(), emptyGroup.body());
    assertTrue(emptyGroup.body().contains("has no members"), emptyGroup.body());

    String all = hub.get("api/v1/protection-flows", "Authorization", HubClient.admin()).body();
    for (String refused : List.of("bad-cron", "no-vm", "no-repo", "empty-flow")) {
      assertFalse(all.contains("\"name\":\"" + refused + "\""), refused + " was not saved");
    }
    HttpResponse<String> badRule =
        hub.postJson(
            "api/v1/protection-groups",
            HubClient.admin(),
            "{\"name\":\"rule\",\"membershipRule\":\"colour:red\"}");
    assertEquals(400, badRule.statusCode(), badRule.body());
    assertTrue(badRule.body().contains("\"message\":\"Membership rule"), badRule.body());
  }

  @Test
  void viewersReadOperatorsRunAdminsChangeAndBulkActionsReportEachFlow() throws Exception {
    String viewer = "vic" + System.nanoTime();
    String operator = "ola" + System.nanoTime();
    for (String[] u : new String[][] {{viewer, "viewer"}, {operator, "operator"}}) {
      HttpResponse<String> user =
          hub.postJson(
              "api/v1/users",
              HubClient.admin(),
              "{\"username\":\""
                  + u[0]
                  + "\",\"password\":\"password-for-"
                  + u[0]
                  + "\","
                  + "\"roles\":[\""
                  + u[1]
                  + "\"]}");
      assertEquals(201, user.statusCode(), user.body());
    }
    String asViewer = HubClient.basic(viewer, "password-for-" + viewer);
    String asOperator = HubClient.basic(operator, "password-for-" + operator);
    long vm = fixture.vm("DC0_H0_VM0");
    long repo = fixture.localRepository(folder("repo"));
    String body =
        "{\"name\":\"roles-"
            + UUID.randomUUID()
            + "\",\"targetVmId\":"
            + vm
            + ",\"repositoryId\":"
            + repo
            + ",\"schedule\":\"@daily\"}";
    HttpResponse<String> byOperator = hub.postJson("api/v1/protection-flows", asOperator, body);
    assertEquals(403, byOperator.statusCode(), byOperator.body());
    assertTrue(byOperator.body().contains("admin role"), byOperator.body());
    long a = fixture.flow(body);
    long b = fixture.flow(body.replace("roles-", "roles-b-"));
    assertEquals(
        200, hub.get("api/v1/protection-flows/" + a, "Authorization", asViewer).statusCode());
    assertEquals(
        403, hub.postJson("api/v1/protection-flows/" + a + "/execute", asViewer, "").statusCode());

    HttpResponse<String> disabled =
        hub.postJson(
            "api/v1/protection-flows/bulk-disable",
            HubClient.admin(),
            "{\"ids\":[" + a + "," + b + ",987654]}");
    assertEquals(200, disabled.statusCode(), disabled.body());
    assertTrue(
        disabled.body().contains("\"succeeded\":2") && disabled.body().contains("\"refused\":1"),
        disabled.body());
    assertTrue(disabled.body().contains("No protection flow with id 987654"), disabled.body());
    String flowA =
        hub.get("api/v1/protection-flows/" + a, "Authorization", HubClient.admin()).body();
    assertEquals("DISABLED", field(flowA, "status"), flowA);
    assertFalse(flowA.contains("\"nextRunAt\""), "a disabled flow has no next run: " + flowA);

    HttpResponse<String> deleted =
        hub.postJson(
            "api/v1/protection-flows/bulk-delete",
            HubClient.admin(),
            "{\"ids\":[" + a + "," + b + "]}");
    assertTrue(deleted.body().contains("\"succeeded\":2"), deleted.body());
    assertEquals(
        404,
        hub.get("api/v1/protection-flows/" + a, "Authorization", HubClient.admin()).statusCode());
    String audit = hub.get("api/v1/audit", "Authorization", HubClient.admin()).body();
    assertTrue(audit.contains("flow.disable") && audit.contains("flow.delete"), audit);
    assertTrue(audit.contains("flow.create"), audit);
  }
}
