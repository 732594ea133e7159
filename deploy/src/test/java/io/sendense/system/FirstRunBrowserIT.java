package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new admin on a hub whose catalog is empty: the dashboard's "Get started" panel lists the four
 * steps to a first backup, each linking to its page, ticks them off as the catalog fills, and goes
 * away with the first restore point. Runs in its own failsafe execution ({@code first-run} in
 * deploy's pom): every other system test class shares one catalog per JVM.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class FirstRunBrowserIT {
  private static final List<String> STEPS = List.of("source", "repository", "flow", "run");

  @ArquillianResource URL deployedAt;

  private Chromium chromium;
  private WebDriver browser;
  private WebDriverWait wait;
  private HubClient hub;
  private FlowFixture fixture;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void openBrowser() throws Exception {
    hub = new HubClient(deployedAt);
    chromium = new Chromium(deployedAt);
    browser = chromium.browser;
    wait = chromium.wait;
  }

  @AfterEach
  void close() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /**
   * Each step's id with whether the panel shows it done, all from one drawing of the panel (the
   * dashboard's poll redraws it every 5 s).
   */
  private Map<String, Boolean> ticks() throws Exception {
    return chromium.await("the panel's steps", d -> tickMarks(), m -> true);
  }

  private Map<String, Boolean> tickMarks() {
    return STEPS.stream()
        .collect(
            Collectors.toMap(
                s -> s,
                s ->
                    Boolean.parseBoolean(
                        browser.findElement(By.id("step-" + s)).getAttribute("data-done"))));
  }

  private void awaitDone(String step) throws Exception {
    try {
      wait.until(
          d ->
              "true".equals(d.findElement(By.id("step-" + step)).getAttribute("data-done"))
                  || d.findElements(By.id("get-started")).isEmpty());
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "step " + step + " was never ticked off; " + chromium.evidence("first-run-" + step), e);
    }
  }

  @Test
  void theGetStartedPanelTicksOffEachStepAndGoesAwayWithTheFirstRestorePoint() throws Exception {
    String sources = hub.get("api/v1/sources", "Authorization", HubClient.admin()).body();
    assertEquals(
        0,
        HubApi.parse(sources).asJsonArray().size(),
        "this test needs an empty catalog (it runs alone in the first-run execution): " + sources);

    chromium.logInAsAdmin();
    // The dashboard's poll redraws the panel every 5 s: each read finds it anew.
    String panel =
        chromium.awaitText(
            "the Get started panel", By.id("get-started"), t -> t.contains("SHA-256 fingerprint"));
    // The hub registers its local repository on its first start: that step is done already.
    assertEquals(Map.of("source", false, "repository", true, "flow", false, "run", false), ticks());
    assertTrue(panel.contains("1 of 4 done"), panel);
    chromium.screenshot("first-run-dashboard");

    chromium.click(By.cssSelector("#step-source a"));
    wait.until(ExpectedConditions.urlContains("/sources/source-list.xhtml"));
    browser.navigate().back();
    wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));

    fixture = FlowFixture.start(hub);
    awaitDone("source");
    chromium.awaitText(
        "the source step's state",
        By.cssSelector("#step-source .sd-step-state"),
        t -> t.contains(" VMs discovered from 1 source"));

    long vm = fixture.vm("DC0_H0_VM0");
    long local =
        HubApi.objects(
                HubApi.parse(
                        hub.get("api/v1/repositories", "Authorization", HubClient.admin()).body())
                    .asJsonArray())
            .stream()
            .filter(r -> r.getString("name").equals("Local"))
            .mapToLong(r -> r.getJsonNumber("id").longValue())
            .findFirst()
            .orElseThrow();
    String name = "first-" + UUID.randomUUID();
    fixture.flow(
        "{\"name\":\"" + name + "\",\"targetVmId\":" + vm + ",\"repositoryId\":" + local + "}");
    awaitDone("flow");
    assertEquals(Map.of("source", true, "repository", true, "flow", true, "run", false), ticks());
    chromium.screenshot("first-run-three-done");

    chromium.click(By.cssSelector("#step-run a"));
    wait.until(ExpectedConditions.urlContains("/flows/flow-list.xhtml"));
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath(
                    "//tbody[@id='flows:table_data']/tr[contains(.,'"
                        + name
                        + "')]//button[.//span[text()='Run now']]")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".ui-growl"), "Started " + name));

    browser.findElement(By.linkText("Dashboard")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));
    try {
      new WebDriverWait(browser, Duration.ofMinutes(4))
          .until(ExpectedConditions.invisibilityOfElementLocated(By.id("get-started")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "the panel stayed after the first run; " + chromium.evidence("first-run-end"), e);
    }
    chromium.awaitText("one restore point counted", By.id("dash:count-points"), "1"::equals);
    chromium.screenshot("first-run-done");
  }
}
