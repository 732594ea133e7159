package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person in Debian's Chromium: log in, see the dashboard, switch theme, log out. */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class BrowserIT {
  @ArquillianResource URL deployedAt;

  private Chromium chromium;
  private WebDriver browser;
  private WebDriverWait wait;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void openBrowser() throws Exception {
    chromium = new Chromium(deployedAt);
    browser = chromium.browser;
    wait = chromium.wait;
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  private String url(String path) {
    return chromium.url(path);
  }

  private String bodyClass() {
    return browser.findElement(By.tagName("body")).getAttribute("class");
  }

  private void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  private void logIn() throws Exception {
    browser.findElement(By.id("login:username")).sendKeys("admin");
    browser.findElement(By.id("login:password")).sendKeys(HubEnvironment.adminPassword());
    browser.findElement(By.id("login:submit")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));
    chromium.settle();
  }

  @Test
  void logInSeeDashboardSwitchThemeAndLogOut() throws Exception {
    browser.get(url("dashboard.xhtml"));
    wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    logIn();
    assertEquals("admin", browser.findElement(By.id("current-user")).getText());
    assertEquals("Dashboard", browser.findElement(By.className("sd-page-title")).getText());
    assertTrue(browser.findElement(By.id("main-menu")).getText().contains("Repositories"));
    screenshot("dashboard");

    String before = bodyClass();
    boolean dark = !before.contains("sd-dark");
    browser.findElement(By.id("topbar:theme-toggle")).click();
    wait.until(d -> !bodyClass().equals(before));
    assertEquals(dark, bodyClass().contains("sd-dark"));
    screenshot(dark ? "dark" : "light");
    browser.navigate().refresh();
    assertEquals(dark, bodyClass().contains("sd-dark"), "a reload keeps the theme");

    browser.findElement(By.id("topbar:logout")).click();
    wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    chromium.await(
        "the login page says 'You are logged out.'",
        d -> d.findElement(By.tagName("body")).getText(),
        t -> t.contains("You are logged out."));
    browser.get(url("dashboard.xhtml"));
    wait.until(ExpectedConditions.urlContains("/login.xhtml"));

    logIn();
    assertEquals(dark, bodyClass().contains("sd-dark"), "the theme is remembered for the user");
  }

  @Test
  void addALocalRepositoryThroughThePluginRenderedForm() throws Exception {
    browser.get(url("login.xhtml"));
    logIn();
    browser.findElement(By.linkText("Repositories")).click();
    wait.until(ExpectedConditions.urlContains("/repositories/repository-list.xhtml"));
    chromium.awaitText(
        "the Local repository listed", By.id("repos:table"), t -> t.contains("Local"));

    browser.findElement(By.id("repos:add")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:name")));
    String name = "browser-" + System.nanoTime();
    browser.findElement(By.id("editor:name")).sendKeys(name);
    chromium.choose("editor:type", "Local folder");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("editor:fields"), "A folder on the hub"));
    By path = By.cssSelector("#editor .sd-config-path");
    wait.until(ExpectedConditions.visibilityOfElementLocated(path));
    chromium.settle(); // no update of the form under way that would replace the label or field
    // The plugin field's label is tied to its input: clicking "Folder *" focuses the path field.
    WebElement label = browser.findElement(By.xpath("//form[@id='editor']//label[.='Folder *']"));
    assertEquals(browser.findElement(path).getAttribute("id"), label.getAttribute("for"));
    label.click();
    browser.switchTo().activeElement().sendKeys("/nonexistent/sendense-browser");
    assertEquals("/nonexistent/sendense-browser", browser.findElement(path).getAttribute("value"));
    browser.findElement(By.id("editor:test")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".ui-growl"), "Connection failed (PATH_NOT_FOUND)"));

    Path folder = Files.createTempDirectory("sendense-browser-repo");
    browser.findElement(path).clear();
    browser.findElement(path).sendKeys(folder.toString());
    // The growl of the failed test may still lie over the dialog's foot.
    chromium.click(By.id("editor:save"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("repos:table"), name));
    screenshot("repositories");
    chromium.await(
        "the new repository's row shows OK and its use",
        d ->
            d.findElements(By.cssSelector("#repos\\:table tbody tr")).stream()
                .map(WebElement::getText)
                .filter(t -> t.contains(name))
                .findFirst()
                .orElse(""),
        row -> row.contains("OK") && row.contains("% used"));
  }

  @Test
  void anAdminAddsAndDisablesAUserButNotTheLastAdmin() throws Exception {
    browser.get(url("login.xhtml"));
    logIn();
    browser.findElement(By.linkText("Users")).click();
    wait.until(ExpectedConditions.urlContains("/users/user-list.xhtml"));
    String name = "bob" + System.nanoTime();
    browser.findElement(By.id("add:username")).sendKeys(name);
    browser.findElement(By.id("add:password")).sendKeys("operator-password-9");
    browser.findElement(By.cssSelector("label[for='add:roles:1']")).click();
    browser.findElement(By.id("add:create")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:table"), name));
    chromium.await(
        "the new user's row shows operator, enabled",
        d -> rowOf(name),
        row -> row.contains("operator") && row.contains("yes"));

    chromium.click(name + "'s Disable", d -> disableButton(name));
    wait.until(d -> rowOf(name).contains(" no "));
    assertEquals(
        401,
        new HubClient(deployedAt)
            .get("api/v1/me", "Authorization", HubClient.basic(name, "operator-password-9"))
            .statusCode(),
        "a disabled user cannot log in");

    // The growl of the last action lies over the table's top-right corner until it fades.
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-growl-item")));
    chromium.click("admin's Disable", d -> disableButton("admin"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".ui-growl"), "is the last enabled admin"));
    // The refusal re-renders the table: rowOf gives "" until the row is back.
    String admin = chromium.await("admin's row", d -> rowOf("admin"), row -> !row.isEmpty());
    assertTrue(admin.contains(" yes "), admin);
  }

  /** The Disable button of the user row {@code name}, or null while it is not shown. */
  private WebElement disableButton(String name) {
    return userRow(name)
        .map(r -> r.findElement(By.xpath(".//button[.//span[text()='Disable']]")))
        .orElse(null);
  }

  /** The text of the user row whose first cell is {@code name}, or "" while it re-renders. */
  private String rowOf(String name) {
    try {
      return userRow(name).map(WebElement::getText).orElse("");
    } catch (StaleElementReferenceException rerendered) {
      return "";
    }
  }

  private java.util.Optional<WebElement> userRow(String name) {
    return browser.findElements(By.cssSelector("#users\\:table tbody tr")).stream()
        .filter(r -> r.findElement(By.tagName("td")).getText().equals(name))
        .findFirst();
  }

  @Test
  void issueAnApiTokenOnceAndRevokeItOnTheTokensPage() throws Exception {
    browser.get(url("login.xhtml"));
    logIn();
    browser.findElement(By.id("topbar:tokens-link")).click();
    wait.until(ExpectedConditions.urlContains("/account/tokens.xhtml"));
    String name = "browser-token-" + System.nanoTime();
    browser.findElement(By.id("issue:name")).sendKeys(name);
    browser.findElement(By.id("issue:create")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token")));
    String token = browser.findElement(By.id("issued-token")).getText().strip();
    assertTrue(token.startsWith("sdt_"), token);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens:table"), name));
    HubClient api = new HubClient(deployedAt);
    assertEquals(200, api.get("api/v1/me", "Authorization", "Bearer " + token).statusCode());
    screenshot("tokens");

    browser.navigate().refresh();
    assertTrue(
        browser.findElements(By.id("issued-token")).isEmpty(), "the token is shown once only");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-growl-item")));
    chromium.click(
        name + "'s Revoke",
        d ->
            d.findElements(By.cssSelector("#tokens\\:table tbody tr")).stream()
                .filter(r -> r.getText().contains(name))
                .findFirst()
                .map(r -> r.findElement(By.xpath(".//button[.//span[text()='Revoke']]")))
                .orElse(null));
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
        .click();
    wait.until(
        ExpectedConditions.not(
            ExpectedConditions.textToBePresentInElementLocated(By.id("tokens:table"), name)));
    assertEquals(401, api.get("api/v1/me", "Authorization", "Bearer " + token).statusCode());
  }

  @Test
  void timesFollowTheBrowsersZoneUntilTheUserChoosesOne() throws Exception {
    chromium.timeZone("Pacific/Auckland");
    browser.get(url("login.xhtml"));
    logIn();
    browser.findElement(By.id("topbar:preferences-link")).click();
    wait.until(ExpectedConditions.urlContains("/account/preferences.xhtml"));
    chromium.settle();
    assertEquals("Pacific/Auckland", browser.findElement(By.id("current-zone")).getText());
    WebElement now = browser.findElement(By.cssSelector("#now .sd-time"));
    assertTrue(now.getText().startsWith("today "), now.getText());
    assertTrue(now.getAttribute("title").endsWith(" Pacific/Auckland"), now.getAttribute("title"));
    String auckland = now.getAttribute("title").substring(11, 16);
    String expected =
        java.time.ZonedDateTime.now(java.time.ZoneId.of("Pacific/Auckland"))
            .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
    assertTrue(
        java.time.Duration.between(
                    java.time.LocalTime.parse(auckland), java.time.LocalTime.parse(expected))
                .abs()
                .toMinutes()
            <= 1,
        auckland + " vs " + expected);

    try {
      chooseZone("UTC");
      assertEquals("UTC", browser.findElement(By.id("current-zone")).getText());
      browser.findElement(By.id("topbar:logout")).click();
      wait.until(ExpectedConditions.urlContains("/login.xhtml"));
      logIn();
      browser.get(url("account/preferences.xhtml"));
      assertEquals(
          "UTC",
          browser.findElement(By.id("current-zone")).getText(),
          "the choice is kept for the user, over the browser's zone");
      assertTrue(
          browser
              .findElement(By.cssSelector("#now .sd-time"))
              .getAttribute("title")
              .endsWith(" UTC"));
    } finally {
      chooseZone("");
    }
    assertEquals("Pacific/Auckland", browser.findElement(By.id("current-zone")).getText());
  }

  /** Picks {@code zone} ("" for the browser's) on the preferences page and saves it. */
  private void chooseZone(String zone) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "PrimeFaces.getWidgetById('preferences:zone').selectValue(arguments[0]);", zone);
    WebElement before = browser.findElement(By.id("current-zone"));
    browser.findElement(By.id("preferences:save")).click();
    wait.until(ExpectedConditions.stalenessOf(before));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("preferences:messages"), "Times are now shown in"));
  }

  /**
   * The cut check fails on a table laid out as PrimeFaces does by default (equal fixed widths,
   * overflow hidden), squeezed so that the user names no longer fit.
   */
  @Test
  void theCutCheckFailsWhenATableCutsItsCells() throws Exception {
    chromium.logInAsAdmin();
    chromium.visit("users/user-list.xhtml");
    ((JavascriptExecutor) browser)
        .executeScript(
            "const t = document.querySelector('[id=\"users:table\"] table');"
                + " t.style.tableLayout = 'fixed'; t.style.width = '120px';"
                + " t.querySelectorAll('td').forEach(c => c.style.overflowWrap = 'normal');");
    AssertionError cut =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> chromium.assertNothingCut("users:table"));
    assertTrue(cut.getMessage().contains("admin"), cut.getMessage());
  }

  /**
   * The accessibility check passes on the users page as it is and fails once an input without a
   * label is added to it, naming the rule.
   */
  @Test
  void theAccessibilityCheckFailsOnAnInputWithoutLabel() throws Exception {
    chromium.logInAsAdmin();
    chromium.visit("users/user-list.xhtml");
    ((JavascriptExecutor) browser)
        .executeScript(
            "const i = document.createElement('input'); i.id = 'unlabelled';"
                + " document.querySelector('main').appendChild(i);");
    AssertionError unlabelled =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> chromium.assertAccessible());
    assertTrue(unlabelled.getMessage().contains("critical label"), unlabelled.getMessage());
    assertTrue(unlabelled.getMessage().contains("#unlabelled"), unlabelled.getMessage());
  }

  @Test
  void wrongPasswordShowsAMessageOnTheLoginPage() {
    browser.get(url("login.xhtml"));
    browser.findElement(By.id("login:username")).sendKeys("admin");
    browser.findElement(By.id("login:password")).sendKeys("wrong-password");
    browser.findElement(By.id("login:submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("login:messages"), "Wrong user name or password"));
    assertTrue(browser.getCurrentUrl().contains("/login.xhtml"));
  }
}
