package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin in Chromium runs a flow of two vcsim VMs from the flows page and watches it go from
 * Starting through Running (with a progress bar) to Success, then sees the backups in machine
 * details; a flow whose repository is gone ends Failed with the reason on its row.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class FlowsBrowserIT {
  @ArquillianResource URL deployedAt;

  private Chromium chromium;
  private WebDriver browser;
  private WebDriverWait wait;
  private FlowFixture fixture;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void setUp() throws Exception {
    fixture = FlowFixture.start(new HubClient(deployedAt));
    chromium = new Chromium(deployedAt);
    browser = chromium.browser;
    wait = chromium.wait;
    chromium.logInAsAdmin();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    fixture.close();
  }

  private String url(String path) {
    return chromium.url(path);
  }

  private void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  private static Path folder(String name) {
    return Path.of(System.getProperty("sendense.it.workdir"), name + "-" + UUID.randomUUID());
  }

  /** The text of the flow row that names {@code flow}, or "" while the table re-renders. */
  private String rowOf(String flow) {
    try {
      return row(flow).map(WebElement::getText).orElse("");
    } catch (StaleElementReferenceException rerendered) {
      return "";
    }
  }

  private java.util.Optional<WebElement> row(String flow) {
    return browser.findElements(By.cssSelector("#flows\\:table tbody tr")).stream()
        .filter(r -> r.getText().contains(flow))
        .findFirst();
  }

  /** Clicks the Run now button of the row {@code flow}, found anew if a poll redraws the table. */
  private void clickRunNow(String flow) throws Exception {
    chromium.click(
        flow + "'s Run now",
        d ->
            row(flow)
                .map(r -> r.findElement(By.xpath(".//button[.//span[text()='Run now']]")))
                .orElse(null));
  }

  /** The text of the row {@code flow} once {@code expected} accepts it (a minute at most). */
  private String awaitRow(String flow, String what, java.util.function.Predicate<String> expected)
      throws Exception {
    return chromium.await(what, d -> rowOf(flow), expected, Duration.ofMinutes(1));
  }

  @Test
  void runNowShowsStartingRunningAndSuccessThenTheBackupsInMachineDetails() throws Exception {
    long vm0 = fixture.vm("DC0_H0_VM0");
    long vm1 = fixture.vm("DC0_H0_VM1");
    long repo = fixture.localRepository(folder("browser-repo"));
    long group = fixture.group("browser-" + UUID.randomUUID(), vm0, vm1);
    String name = "browser-flow-" + UUID.randomUUID();
    fixture.flow(
        "{\"name\":\""
            + name
            + "\",\"targetGroupId\":"
            + group
            + ",\"repositoryId\":"
            + repo
            + ",\"schedule\":\"0 2 * * *\"}");

    browser.findElement(By.linkText("Protection Flows")).click();
    wait.until(ExpectedConditions.urlContains("/flows/flow-list.xhtml"));
    awaitRow(name, "the new flow listed as never run", row -> row.contains("Never run"));
    clickRunNow(name);

    List<String> seen = new ArrayList<>();
    boolean sawProgressBar = false;
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (Instant.now().isBefore(deadline)) {
      String text = rowOf(name);
      for (String status : List.of("Starting", "Running", "Success", "Failed", "Warning")) {
        if (text.contains(status)
            && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status))) {
          seen.add(status);
        }
      }
      try {
        sawProgressBar |=
            row(name)
                .map(r -> !r.findElements(By.cssSelector(".ui-progressbar")).isEmpty())
                .orElse(false);
      } catch (StaleElementReferenceException rerendered) {
        // the poll replaced the row; look again
      }
      if (text.contains("Success") || text.contains("Failed") || text.contains("Warning")) {
        break;
      }
      Thread.sleep(100);
    }
    screenshot("flow-after-run");
    assertEquals(
        "Success", seen.get(seen.size() - 1), "statuses seen: " + seen + "; " + rowOf(name));
    // Under load a run can pass "Starting" between two looks at the page, so the first status
    // seen is not fixed; the order is: no status may come back after a later one.
    List<String> order = List.of("Starting", "Running", "Success");
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          order.indexOf(seen.get(i - 1)) < order.indexOf(seen.get(i)), "statuses seen: " + seen);
    }
    assertTrue(sawProgressBar, "a progress bar while running");
    awaitRow(name, "the run's counts 1 / 0 / 1 on the row", row -> row.contains("1 / 0 / 1"));

    // Other test classes' sources have VMs of the same name (and the list pages by 50): open this
    // source's VM by its id, as its link in the VMs list does.
    browser.get(url("sources/vm-detail.xhtml?id=" + vm1));
    wait.until(ExpectedConditions.urlContains("/sources/vm-detail.xhtml"));
    wait.until(ExpectedConditions.textToBe(By.id("kpi-total"), "1"));
    assertEquals("100%", browser.findElement(By.id("kpi-success")).getText());
    chromium.awaitText(
        "a COMPLETE backup in the machine's history",
        By.cssSelector("[id$=':history']"),
        t -> t.contains("COMPLETE"));
    chromium.click(By.linkText("Performance"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("peak")));
    screenshot("machine-details");
  }

  /** Every page of the menu and the user's own pages, each checked by {@link Chromium#visit}. */
  private static final List<String> PAGES =
      List.of(
          "dashboard.xhtml",
          "flows/flow-list.xhtml",
          "groups/group-list.xhtml",
          "sources/source-list.xhtml",
          "sources/vm-list.xhtml",
          "repositories/repository-list.xhtml",
          "restore/restore.xhtml",
          "jobs/job-list.xhtml",
          "reports/reports.xhtml",
          "nodes/node-list.xhtml",
          "settings/settings.xhtml",
          "settings/notifications.xhtml",
          "settings/audit-log.xhtml",
          "users/user-list.xhtml",
          "account/preferences.xhtml",
          "account/password.xhtml",
          "account/tokens.xhtml");

  /**
   * Every page at 1280 px (a laptop with the menu) and 820 px (a tablet), with long identifiers in
   * the tables (a flow, a group and a repository with long names, VMs of vcsim) and a failed run
   * whose long error is on the flows, jobs and dashboard pages: no table cuts a cell, no serious or
   * critical axe-core violation, and each page is shot in both themes. The login page is checked
   * too, and the Add vCenter and Add repository dialogs (their plugin fields) by axe-core.
   */
  @Test
  void everyPageAtLaptopAndTabletWidthPassesThePageChecks() throws Exception {
    Path gone = folder("sweep-repository-whose-folder-was-removed");
    long repo = fixture.localRepository(gone);
    Files.delete(gone);
    long vm = fixture.vm("DC0_C0_RP0_VM0");
    long group =
        fixture.group(
            "Production database servers of the Frankfurt datacenter " + UUID.randomUUID(), vm);
    long failing =
        fixture.flow(
            "{\"name\":\"Nightly backup of every production database server "
                + UUID.randomUUID()
                + "\",\"targetGroupId\":"
                + group
                + ",\"repositoryId\":"
                + repo
                + ",\"schedule\":\"30 1 * * 1-5\"}");
    fixture.runOnce(failing, "FAILED", Duration.ofMinutes(2));

    List<String> problems = new ArrayList<>();
    for (int width : new int[] {1280, 820}) {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1000));
      browser.manage().deleteAllCookies(); // logged out, so that the login page is checked too
      try {
        chromium.visit("login.xhtml");
      } catch (AssertionError pageProblems) {
        problems.add(pageProblems.getMessage());
      }
      chromium.logInAsAdmin();
      for (String page : PAGES) {
        try {
          chromium.visit(page);
        } catch (AssertionError pageProblems) {
          problems.add(pageProblems.getMessage());
        }
        assertTrue(
            browser.getCurrentUrl().contains(page), page + " opened " + browser.getCurrentUrl());
      }
    }
    // Dialogs are hidden (so unchecked) until opened: those that show a plugin's configuration
    // fields, and the flow editor (rendered only when opened).
    for (String[] dialog :
        List.of(
            new String[] {
              "sources/source-list.xhtml",
              "sources:add",
              "[id='sourceDialogBox'] input[class*='sd-config-']"
            },
            new String[] {
              "repositories/repository-list.xhtml",
              "repos:add",
              "[id='editorDialogBox'] input[class*='sd-config-']"
            },
            new String[] {"flows/flow-list.xhtml", "flows:add", "[id='editor:name']"})) {
      browser.get(url(dialog[0]));
      chromium.settle();
      chromium.click(By.id(dialog[1]));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(dialog[2])));
      chromium.settle();
      for (String dialogProblem : chromium.inBothThemes(null)) {
        problems.add(dialog[0] + " " + dialog[1] + ", " + dialogProblem);
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  /**
   * Keys only: log in (Tab to the fields, type, Enter), go to the flows page through the menu (Tab,
   * Enter) and run a flow with its Run now button (Tab, Enter) until it ends Success.
   */
  @Test
  void logInAndRunNowWithTheKeyboardOnly() throws Exception {
    long repo = fixture.localRepository(folder("keyboard-repo"));
    long vm = fixture.vm("DC0_H0_VM1");
    String name = "keyboard-" + UUID.randomUUID();
    fixture.flow(
        "{\"name\":\"" + name + "\",\"targetVmId\":" + vm + ",\"repositoryId\":" + repo + "}");
    browser.manage().deleteAllCookies();
    browser.get(url("login.xhtml"));
    chromium.tabTo("login:username", 10);
    chromium.press("admin");
    chromium.tabTo("login:password", 5);
    chromium.press(HubEnvironment.adminPassword());
    chromium.press(Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));

    chromium.tabTo("m-flows", 30);
    chromium.press(Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/flows/flow-list.xhtml"));
    wait.until(d -> rowOf(name).contains("Never run"));
    String runNow =
        row(name)
            .orElseThrow()
            .findElement(By.cssSelector("button[id$=':run']"))
            .getAttribute("id");
    chromium.tabTo(runNow, 300);
    chromium.press(Keys.ENTER);
    String ended =
        chromium.await(
            "the keyboard's run ended",
            d -> rowOf(name),
            row -> row.contains("Success") || row.contains("Failed"),
            Duration.ofMinutes(4));
    assertTrue(ended.contains("Success"), ended);
    awaitRow(name, "the run's counts 1 / 0 / 1 on the row", row -> row.contains("1 / 0 / 1"));
  }

  @Test
  void aFlowWhoseRepositoryIsGoneEndsFailedWithTheReasonOnItsRow() throws Exception {
    Path gone = folder("browser-gone");
    long repo = fixture.localRepository(gone);
    Files.delete(gone);
    long vm = fixture.vm("DC0_C0_RP0_VM1");
    String name = "browser-lost-" + UUID.randomUUID();
    fixture.flow(
        "{\"name\":\"" + name + "\",\"targetVmId\":" + vm + ",\"repositoryId\":" + repo + "}");

    browser.get(url("flows/flow-list.xhtml"));
    wait.until(d -> rowOf(name).contains("Never run"));
    clickRunNow(name);
    String row =
        chromium.await(
            "the flow ended Failed",
            d -> rowOf(name),
            r -> r.contains("Failed"),
            Duration.ofMinutes(2));
    screenshot("flow-failed");
    assertTrue(row.contains("DC0_C0_RP0_VM1:"), "the reason is on the row: " + row);
    assertTrue(row.contains("0 / 1 / 1"), row);
  }

  /**
   * The flow form is not part of the page until it is opened (the page stays small however many
   * VMs, groups and time zones there are); a VM flow is made by typing part of the VM's name and
   * taking the suggestion, and saves the VM and the repository chosen.
   */
  @Test
  void anAdminMakesAVmFlowByTypingPartOfTheVmsName() throws Exception {
    long vm = fixture.vm("DC0_H0_VM1");
    // Every class's vcsim has a DC0_H0_VM1 in the shared catalog: give this one a name of its own.
    String vmName = "editor-vm-" + UUID.randomUUID().toString().substring(0, 8);
    try (java.sql.Connection db = HubEnvironment.catalog();
        java.sql.Statement s = db.createStatement()) {
      assertEquals(
          1, s.executeUpdate("UPDATE vm_contexts SET name = '" + vmName + "' WHERE id = " + vm));
    }
    long repo = fixture.localRepository(folder("editor-repo"));
    HubApi api = HubApi.admin(deployedAt);
    String repoName = api.object("repositories/" + repo).getString("name");
    String name = "editor-flow-" + UUID.randomUUID();

    browser.get(url("flows/flow-list.xhtml"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("flows:add")));
    assertTrue(browser.findElements(By.id("editor:name")).isEmpty(), "form rendered with the page");
    assertTrue(
        !browser.getPageSource().contains("Pacific/Auckland"),
        "the time zones come with the form, not with the page");

    browser.findElement(By.id("flows:add")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:name"))).sendKeys(name);
    browser
        .findElement(By.xpath("//*[@id='editor:targetType']//label[normalize-space(.)='One VM']"))
        .click();
    WebElement typed =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:vm_input")));
    typed.sendKeys(vmName.substring(3));
    By suggestion =
        By.xpath(
            "//*[@id='editor:vm_panel']//li[starts-with(@data-item-label,'" + vmName + " (')]");
    wait.until(ExpectedConditions.elementToBeClickable(suggestion)).click();
    wait.until(
        ExpectedConditions.attributeContains(By.id("editor:vm_input"), "value", vmName + " ("));

    // The menu's filter keeps the one repository at the top of its list, however many there are.
    browser.findElement(By.id("editor:repository")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:repository_filter")))
        .sendKeys(repoName);
    chromium.choose("editor:repository", repoName);
    // The menu's list may still be sliding shut over the button.
    chromium.click(By.id("editor:save"));

    List<jakarta.json.JsonObject> saved;
    try {
      saved =
          api.awaitArray(
              "protection-flows?name=" + name, found -> found.size() == 1, Duration.ofSeconds(20));
    } catch (AssertionError notSaved) {
      throw new AssertionError(chromium.evidence("flow-editor-not-saved"), notSaved);
    }
    assertEquals("vm", saved.get(0).getString("targetType"), saved.toString());
    assertEquals(vm, saved.get(0).getJsonNumber("targetId").longValue(), saved.toString());
    assertEquals(repo, saved.get(0).getJsonNumber("repositoryId").longValue(), saved.toString());
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("editor:name")));

    // Edit shows the VM as it was chosen.
    chromium.click(
        name + "'s Edit",
        d -> row(name).map(r -> r.findElement(By.xpath(".//button[@title='Edit']"))).orElse(null));
    wait.until(ExpectedConditions.attributeToBe(By.id("editor:name"), "value", name));
    // The dialog's form renders its inputs again once it has opened: wait for, not read once.
    chromium.await(
        "the edited flow's VM as it was chosen",
        d -> d.findElement(By.id("editor:vm_input")).getDomProperty("value"),
        value -> value != null && value.startsWith(vmName + " ("));
  }

  @Test
  void theMembersDialogSearchesVmsInTheCatalogAndAddsTheTickedOne() throws Exception {
    long vm0 = fixture.vm("DC0_H0_VM0");
    long vm1 = fixture.vm("DC0_H0_VM1");
    String name = "members-" + UUID.randomUUID();
    long group = fixture.group(name, vm0);
    browser.get(url("groups/group-list.xhtml"));
    // The groups table selects no rows, so its rows carry no keys: the row is found by the name.
    By groupRow =
        By.xpath("//tbody[@id='groups:table_data']/tr[td[1][contains(., '" + name + "')]]");
    chromium.turnTo("groups:table", groupRow);
    chromium.click(
        "the Members button of group " + group,
        d -> d.findElement(groupRow).findElement(By.xpath(".//button[contains(@id,':members')]")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("members:vms")));

    // The search runs in the catalog: the page reports as many VMs as the API counts.
    WebElement firstRow = browser.findElement(By.xpath("//tbody[@id='members:vms_data']/tr[1]"));
    browser.findElement(By.id("members:vms:globalFilter")).sendKeys("DC0_H0_VM1");
    wait.until(ExpectedConditions.stalenessOf(firstRow));
    java.net.http.HttpResponse<String> counted =
        new HubClient(deployedAt)
            .get("api/v1/vm-contexts?name=DC0_H0_VM1&limit=1", "Authorization", HubClient.admin());
    String total = counted.headers().firstValue("X-Total-Count").orElseThrow();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[id='members:vms'] .ui-paginator-current"), "of " + total + " VMs"));

    By vmRow = By.xpath("//tbody[@id='members:vms_data']/tr[@data-rk='" + vm1 + "']");
    chromium.turnTo("members:vms", vmRow);
    // Each typed letter filters again: tick the box until a redraw no longer takes it away.
    By box =
        By.xpath(
            "//tbody[@id='members:vms_data']/tr[@data-rk='"
                + vm1
                + "']//div[contains(@class,'ui-chkbox-box')]");
    wait.until(
        d -> {
          try {
            WebElement shown = d.findElement(box);
            if (!shown.getDomAttribute("class").contains("ui-state-active")) {
              shown.click();
            }
            return d.findElement(box).getDomAttribute("class").contains("ui-state-active");
          } catch (org.openqa.selenium.NoSuchElementException notYet) {
            return false;
          }
        });
    chromium.click(By.id("members:addSelected"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("growl_container"), "Added 1 VM(s)"));
    String members =
        new HubClient(deployedAt)
            .get(
                "api/v1/protection-groups/" + group + "/members",
                "Authorization",
                HubClient.admin())
            .body();
    assertEquals(
        java.util.stream.Stream.of(vm0, vm1).sorted().toList(),
        HubApi.objects(HubApi.parse(members).asJsonArray()).stream()
            .map(m -> m.getJsonNumber("vmId").longValue())
            .sorted()
            .toList(),
        members);
    screenshot("group-members");
  }
}
