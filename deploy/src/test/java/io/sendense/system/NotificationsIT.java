package io.sendense.system;

import static io.sendense.system.FlowFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notifications from the real hub: a failing flow run mails GreenMail over STARTTLS with a login
 * and posts a signed webhook; a failing webhook is retried with growing waits and every attempt is
 * logged; "Send test" sends once and queues nothing.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class NotificationsIT {
  private static final String SMTP_PASSWORD = "smtp-" + UUID.randomUUID();
  private static final String HMAC_KEY = "hmac-" + UUID.randomUUID();

  @ArquillianResource URL deployedAt;
  private HubClient hub;
  private FlowFixture fixture;
  private GreenMail greenMail;
  private StartTlsFront front;
  private final List<AutoCloseable> receivers = new ArrayList<>();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void setUp() throws Exception {
    hub = new HubClient(deployedAt);
    fixture = FlowFixture.start(hub);
    ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
    smtp.setServerStartupTimeout(60_000);
    greenMail = new GreenMail(smtp);
    greenMail.withConfiguration(
        GreenMailConfiguration.aConfig().withUser("hub@example.org", "hub", SMTP_PASSWORD));
    greenMail.start();
    front = new StartTlsFront(greenMail.getSmtp().getPort());
    // Global rules of earlier tests stay in the catalog: start from none.
    for (String id :
        ids(hub.get("api/v1/notifications/rules", "Authorization", HubClient.admin()).body())) {
      hub.delete("api/v1/notifications/rules/" + id, "Authorization", HubClient.admin());
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable r : receivers) {
      r.close();
    }
    front.close();
    greenMail.stop();
    fixture.close();
  }

  private WebhookReceiver receiver(int failures) throws Exception {
    WebhookReceiver r = new WebhookReceiver(HMAC_KEY, failures);
    receivers.add(r);
    return r;
  }

  private long mailChannel() throws Exception {
    String body =
        "{\"name\":\"ops-mail-"
            + UUID.randomUUID()
            + "\",\"kind\":\"EMAIL\",\"secret\":\""
            + SMTP_PASSWORD
            + "\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\""
            + front.port()
            + "\",\"security\":\"STARTTLS\",\"username\":\"hub\",\"from\":\"hub@example.org\","
            + "\"to\":\"ops@example.org\",\"certificateSha256\":\""
            + front.certificateSha256()
            + "\"}}";
    HttpResponse<String> created =
        hub.postJson("api/v1/notifications/channels", HubClient.admin(), body);
    assertEquals(201, created.statusCode(), created.body());
    assertFalse(created.body().contains(SMTP_PASSWORD), "the password is never returned");
    assertTrue(created.body().contains("\"secretSet\":true"), created.body());
    return FlowFixture.id(created);
  }

  private long webhookChannel(WebhookReceiver r) throws Exception {
    String body =
        "{\"name\":\"hook-"
            + UUID.randomUUID()
            + "\",\"kind\":\"WEBHOOK\",\"secret\":\""
            + HMAC_KEY
            + "\",\"config\":{\"url\":\""
            + r.url()
            + "\"}}";
    HttpResponse<String> created =
        hub.postJson("api/v1/notifications/channels", HubClient.admin(), body);
    assertEquals(201, created.statusCode(), created.body());
    assertFalse(created.body().contains(HMAC_KEY), "the key is never returned");
    return FlowFixture.id(created);
  }

  private void rule(long channel, String event, Long flow) throws Exception {
    HttpResponse<String> created =
        hub.postJson(
            "api/v1/notifications/rules",
            HubClient.admin(),
            "{\"channelId\":"
                + channel
                + ",\"event\":\""
                + event
                + "\""
                + (flow == null ? "" : ",\"flowId\":" + flow)
                + "}");
    assertEquals(201, created.statusCode(), created.body());
  }

  /** A flow whose repository folder is gone: its run ends FAILED at once. */
  private long failingFlow(String name) throws Exception {
    Path gone = Path.of(System.getProperty("sendense.it.workdir"), "gone-" + UUID.randomUUID());
    long repo = fixture.localRepository(gone);
    Files.delete(gone);
    return fixture.flow(
        "{\"name\":\""
            + name
            + "\",\"targetVmId\":"
            + fixture.vm("DC0_H0_VM0")
            + ",\"repositoryId\":"
            + repo
            + "}");
  }

  private void runToFailure(long flow) throws Exception {
    fixture.runOnce(flow, "FAILED", Duration.ofMinutes(2));
  }

  private static void await(String what, Duration within, BooleanSupplier done) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Not within " + within + ": " + what);
      }
      Thread.sleep(200);
    }
  }

  /**
   * The delivery log of {@code channel} once {@code done} accepts it (20 s at most). The hub logs a
   * delivery in a transaction of its own after the message went out and after the outbox row was
   * marked, so a read right after the message arrived may not have the line yet.
   */
  private String awaitDeliveries(long channel, java.util.function.Predicate<String> done)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      String log = deliveries(channel);
      if (done.test(log)) {
        return log;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the delivery log of channel " + channel + " after 20 s: " + log);
      }
      Thread.sleep(200);
    }
  }

  /** The delivery log of {@code channel} as the API answers it now. */
  private String deliveries(long channel) throws Exception {
    return hub.get(
            "api/v1/notifications/deliveries?channel=" + channel,
            "Authorization",
            HubClient.admin())
        .body();
  }

  private static List<String> ids(String json) {
    return HubApi.objects(HubApi.parse(json).asJsonArray()).stream()
        .map(rule -> rule.getJsonNumber("id").toString())
        .toList();
  }

  @Test
  void aFailedFlowRunIsMailedOverStartTlsWithLoginAndPostedAsASignedWebhook() throws Exception {
    long mail = mailChannel();
    WebhookReceiver hook = receiver(0);
    long webhook = webhookChannel(hook);
    String name = "failing-" + UUID.randomUUID();
    long flow = failingFlow(name);
    rule(mail, "FAILURE", null);
    rule(webhook, "FAILURE", flow);
    rule(webhook, "SUCCESS", flow);

    runToFailure(flow);

    await(
        "a mail in GreenMail",
        Duration.ofSeconds(60),
        () -> greenMail.getReceivedMessages().length > 0);
    MimeMessage got = greenMail.getReceivedMessages()[0];
    assertEquals("[Sendense] Flow '" + name + "' FAILED: 0 of 1 VM(s) backed up", got.getSubject());
    assertEquals("ops@example.org", got.getAllRecipients()[0].toString());
    assertTrue(
        got.getContent().toString().contains("Outcome: FAILED"), got.getContent().toString());
    List<String> smtp = front.transcript;
    assertTrue(
        smtp.indexOf("STARTTLS") >= 0 && smtp.indexOf("STARTTLS") < smtp.indexOf("AUTH"),
        "" + smtp);
    assertTrue(smtp.indexOf("AUTH") < smtp.indexOf("MAIL"), "logged in before sending: " + smtp);
    assertTrue(smtp.stream().anyMatch(s -> s.startsWith("TLS TLSv1.")), "" + smtp);

    await("the webhook", Duration.ofSeconds(60), () -> !hook.received.isEmpty());
    WebhookReceiver.Received posted = hook.received.get(0);
    assertTrue(posted.signatureValid(), "the HMAC-SHA256 signature checks out: " + posted);
    assertEquals("FAILURE", posted.event());
    assertTrue(posted.body().contains("\"event\":\"FAILURE\""), posted.body());
    assertTrue(posted.body().contains("\"flowName\":\"" + name + "\""), posted.body());
    assertTrue(posted.body().contains("\"status\":\"FAILED\""), posted.body());
    // The mail is in GreenMail before the hub has logged its delivery.
    awaitDeliveries(
        mail, log -> log.contains("\"outcome\":\"SENT\"") && log.contains("\"event\":\"FAILURE\""));
    assertEquals(1, hook.received.size(), "SUCCESS did not fire; FAILURE once");
  }

  @Test
  void aFailingWebhookIsRetriedWithGrowingWaitsAndEveryAttemptIsLogged() throws Exception {
    WebhookReceiver hook = receiver(2);
    long webhook = webhookChannel(hook);
    long flow = failingFlow("retried-" + UUID.randomUUID());
    rule(webhook, "FAILURE", flow);

    runToFailure(flow);

    await("three attempts", Duration.ofSeconds(90), () -> hook.received.size() >= 3);
    List<WebhookReceiver.Received> got = hook.received;
    Duration first = Duration.between(got.get(0).at(), got.get(1).at());
    Duration second = Duration.between(got.get(1).at(), got.get(2).at());
    // The test hub waits 2 s after the first failure and 4 s after the second (retry-seconds=2).
    assertTrue(first.toMillis() >= 2000, "first wait " + first);
    assertTrue(second.toMillis() >= 4000, "second wait " + second);
    assertEquals(
        1, got.stream().map(WebhookReceiver.Received::delivery).distinct().count(), "one message");
    assertTrue(got.stream().allMatch(WebhookReceiver.Received::signatureValid));
    String outbox =
        hub.get(
                "api/v1/notifications/outbox?channel=" + webhook,
                "Authorization",
                HubClient.admin())
            .body();
    await(
        "the message SENT after 3 attempts",
        Duration.ofSeconds(20),
        () -> {
          try {
            String o =
                hub.get(
                        "api/v1/notifications/outbox?channel=" + webhook,
                        "Authorization",
                        HubClient.admin())
                    .body();
            return o.contains("\"status\":\"SENT\"") && o.contains("\"attempts\":3");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    // The last attempt's line is logged after the outbox row is marked SENT.
    String log = awaitDeliveries(webhook, l -> count(l, "\"outcome\":\"SENT\"") >= 1);
    assertEquals(2, count(log, "\"outcome\":\"FAILED\""), log);
    assertEquals(1, count(log, "\"outcome\":\"SENT\""), log);
    assertTrue(log.contains("answered HTTP 500"), log);
    assertFalse(outbox.isEmpty());
  }

  @Test
  void sendTestSendsOnceNowAndQueuesNothing() throws Exception {
    WebhookReceiver hook = receiver(0);
    long webhook = webhookChannel(hook);
    long mail = mailChannel();

    HttpResponse<String> hookTest =
        hub.postJson("api/v1/notifications/channels/" + webhook + "/test", HubClient.admin(), "");
    assertEquals(200, hookTest.statusCode(), hookTest.body());
    assertTrue(hookTest.body().contains("\"sent\":true"), hookTest.body());
    assertEquals(1, hook.received.size(), "sent before the call answered");
    assertTrue(hook.received.get(0).signatureValid());
    assertEquals("TEST", hook.received.get(0).event());
    assertTrue(hook.received.get(0).delivery().startsWith("test-"));

    HttpResponse<String> mailTest =
        hub.postJson("api/v1/notifications/channels/" + mail + "/test", HubClient.admin(), "");
    assertTrue(mailTest.body().contains("\"sent\":true"), mailTest.body());
    assertEquals(1, greenMail.getReceivedMessages().length);
    assertTrue(
        greenMail.getReceivedMessages()[0].getSubject().startsWith("[Sendense] Test notification"));

    for (long channel : new long[] {webhook, mail}) {
      assertEquals(
          "[]",
          hub.get(
                  "api/v1/notifications/outbox?channel=" + channel,
                  "Authorization",
                  HubClient.admin())
              .body(),
          "nothing queued for a worker to send again");
      String log = deliveries(channel);
      assertEquals(1, count(log, "\"event\":\"TEST\""), log);
    }
    HubClient browser = new HubClient(deployedAt);
    browser.formLogin("admin", HubEnvironment.adminPassword());
    String page = browser.get("settings/notifications.xhtml").body();
    String hookName =
        field(
            hub.get("api/v1/notifications/channels/" + webhook, "Authorization", HubClient.admin())
                .body(),
            "name");
    assertTrue(page.contains(hookName) && page.contains("Send test"), page);
    assertTrue(page.contains("TEST") && page.contains("SENT"), "the delivery log is on the page");
    assertFalse(page.contains(HMAC_KEY) || page.contains(SMTP_PASSWORD), "no secret on the page");
    String audit = hub.get("api/v1/audit?limit=50", "Authorization", HubClient.admin()).body();
    assertTrue(audit.contains("notification.channel.test"), audit);
    assertFalse(
        audit.contains(HMAC_KEY) || audit.contains(SMTP_PASSWORD), "no secret in the audit");
  }

  @Test
  void withoutCredentialsTheApiAnswers401AndBadInputNamesTheField() throws Exception {
    assertEquals(401, hub.get("api/v1/notifications/channels").statusCode());
    HttpResponse<String> bad =
        hub.postJson(
            "api/v1/notifications/channels",
            HubClient.admin(),
            "{\"name\":\"bad\",\"kind\":\"WEBHOOK\",\"secret\":\"k\",\"config\":{\"url\":\"ftp://x\"}}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("config.url must be an http:// or https:// URL"), bad.body());
    HttpResponse<String> noKey =
        hub.postJson(
            "api/v1/notifications/channels",
            HubClient.admin(),
            "{\"name\":\"nokey\",\"kind\":\"WEBHOOK\",\"config\":{\"url\":\"http://127.0.0.1:9/\"}}");
    assertEquals(400, noKey.statusCode(), noKey.body());
    String channels =
        hub.get("api/v1/notifications/channels", "Authorization", HubClient.admin()).body();
    assertFalse(channels.contains("\"nokey\""), "a refused channel is not saved: " + channels);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
