package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The OpenAPI document and Swagger UI behind login, and Settings > Notifications driven in
 * Chromium: a webhook channel added in the dialog, then "Send test".
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class OperationsBrowserIT {
  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @Test
  void theOpenApiDocumentListsTheApiAndNeedsCredentials() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    HttpResponse<String> anonymous = hub.get("openapi");
    assertEquals(302, anonymous.statusCode(), "to the login page");
    assertTrue(anonymous.headers().firstValue("Location").orElse("").contains("login.xhtml"));
    assertEquals(
        401, hub.get("openapi", "Authorization", HubClient.basic("admin", "wrong")).statusCode());
    HttpResponse<String> doc = hub.get("openapi", "Authorization", HubClient.admin());
    assertEquals(200, doc.statusCode(), doc.body());
    String json = doc.body();
    assertTrue(json.startsWith("{\"openapi\":\"3.0.3\""), json.substring(0, 200));
    for (String path :
        new String[] {
          "\"/api/v1/notifications/channels/{id}/test\":{\"post\"",
          "\"/api/v1/protection-flows/{id}/execute\":{\"post\"",
          "\"/api/v1/settings/metrics\":{\"get\"",
          "\"/api/v1/repositories/{id}\":{\"delete\""
        }) {
      assertTrue(json.contains(path), path);
    }
  }

  @Test
  void swaggerUiShowsTheApiAfterLogin() throws Exception {
    HubClient hub = new HubClient(deployedAt);
    assertEquals(302, hub.get("api-docs").statusCode(), "Swagger UI is behind the login");
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("api-docs"));
      chromium.wait.until(
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock-tag")));
      // Swagger UI draws its sections one after the other: read until the API's title is there.
      String text =
          chromium.awaitText(
              "Swagger UI showing the API's title",
              By.id("swagger-ui"),
              t -> t.contains("Sendense hub API"));
      assertTrue(text.contains("Notification"), text);
      chromium.screenshot("swagger-ui");
    }
  }

  @Test
  void aWebhookChannelAddedOnThePageSendsATest() throws Exception {
    String key = "page-key-" + UUID.randomUUID();
    try (WebhookReceiver receiver = new WebhookReceiver(key, 0);
        Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("settings/notifications.xhtml"));
      chromium.wait.until(ExpectedConditions.elementToBeClickable(By.id("channels:add"))).click();
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:name")));
      String name = "page-hook-" + UUID.randomUUID();
      chromium.browser.findElement(By.id("editor:name")).sendKeys(name);
      chromium.choose("editor:kind", "Webhook (JSON, signed)");
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:url")));
      // The kind's fields came with an ajax update: no other one may replace what is typed.
      chromium.settle();
      chromium.browser.findElement(By.id("editor:url")).sendKeys(receiver.url());
      chromium.browser.findElement(By.id("editor:key")).sendKeys(key);
      // The kind's menu may still be sliding shut over the button.
      chromium.click(By.id("editor:save"));
      By row = By.xpath("//tbody[@id='channels:table_data']/tr[td[1][text()='" + name + "']]");
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(row));
      chromium.click(
          name + "'s Send test",
          d -> d.findElement(row).findElement(By.xpath(".//button[contains(@id,':test')]")));
      chromium.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("growl_container"), "Test sent"));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (receiver.received.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertEquals(1, receiver.received.size(), "one test request");
      assertTrue(
          receiver.received.get(0).signatureValid(), "signed with the key typed on the page");
      assertEquals("TEST", receiver.received.get(0).event());
      chromium.screenshot("notifications");
    }
  }
}
