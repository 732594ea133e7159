package io.sendense.system;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through chromedriver, logged in to the deployed hub. */
final class Chromium implements AutoCloseable {
  final WebDriver browser;
  final WebDriverWait wait;
  private final String base;
  private final Path profile;

  Chromium(URL deployedAt) throws Exception {
    this(deployedAt, null);
  }

  /** A browser that saves downloads into {@code downloads} without asking (when not null). */
  Chromium(URL deployedAt, Path downloads) throws Exception {
    profile = Files.createTempDirectory("sendense-chromium");
    ChromeOptions options = new ChromeOptions();
    if (downloads != null) {
      options.setExperimentalOption(
          "prefs",
          java.util.Map.of(
              "download.default_directory", downloads.toString(),
              "download.prompt_for_download", false,
              "download.directory_upgrade", true,
              "safebrowsing.enabled", false));
    }
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1200",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    // Pages that poll re-render their tables: an element found a moment ago may be gone.
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
    String url = deployedAt.toString();
    base = url.endsWith("/") ? url : url + "/";
  }

  String url(String path) {
    return base + path;
  }

  /** Logs in as the first admin through the login page. */
  void logInAsAdmin() throws Exception {
    logIn("admin", HubEnvironment.adminPassword());
  }

  /** Logs in through the login page and waits for the dashboard. */
  void logIn(String user, String password) {
    browser.get(url("login.xhtml"));
    browser.findElement(By.id("login:username")).sendKeys(user);
    browser.findElement(By.id("login:password")).sendKeys(password);
    browser.findElement(By.id("login:submit")).click();
    wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));
  }

  /**
   * Searches the Restore page's VMs for {@code query}, waits for the list to be redrawn, and picks
   * VM {@code vmId} until {@code shown} appears: a click on a row that the search redraws at that
   * moment is lost, so the pick is repeated (for up to two minutes). When it never appears, the
   * page as it was is saved beside the screenshots and its state named in the failure.
   */
  void pickRestoreVm(String query, long vmId, By shown) throws Exception {
    org.openqa.selenium.WebElement before = browser.findElement(By.id("restore:vms_data"));
    browser.findElement(By.id("restore:vm-search")).sendKeys(query);
    wait.until(ExpectedConditions.stalenessOf(before));
    By row = By.xpath("//tbody[@id='restore:vms_data']/tr[@data-rk='" + vmId + "']");
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      try {
        turnTo("restore:vms", row);
        wait.until(ExpectedConditions.elementToBeClickable(row)).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
            .ignoring(StaleElementReferenceException.class)
            .until(ExpectedConditions.elementToBeClickable(shown));
        return;
      } catch (org.openqa.selenium.TimeoutException | StaleElementReferenceException notYet) {
        if (java.time.Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "VM "
                  + vmId
                  + " picked on the Restore page never showed "
                  + shown
                  + "; "
                  + evidence("restore-pick"),
              notYet);
        }
      }
    }
  }

  /**
   * Picks the restore point whose first cell is {@code pointRow} until its disks are shown: a click
   * that lands while the page is still settling (it was just loaded or redrawn) sends no selection,
   * so it is repeated for up to two minutes, then the page is described.
   */
  void pickRestorePoint(By pointRow) throws Exception {
    By disks = By.xpath("(//button[contains(@id,'open-disk')])[1]");
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      try {
        wait.until(ExpectedConditions.elementToBeClickable(pointRow)).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
            .ignoring(StaleElementReferenceException.class)
            .until(ExpectedConditions.elementToBeClickable(disks));
        return;
      } catch (org.openqa.selenium.TimeoutException | StaleElementReferenceException notYet) {
        if (java.time.Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "Picking " + pointRow + " never showed its disks; " + evidence("restore-point"),
              notYet);
        }
      }
    }
  }

  /**
   * Pages the table {@code tableId} forward until {@code row} is shown (tests share one catalog:
   * rows of other test classes with the same names may come first), or to its last page.
   */
  void turnTo(String tableId, By row) {
    By next = By.cssSelector("[id='" + tableId + "'] .ui-paginator-next:not(.ui-state-disabled)");
    while (browser.findElements(row).isEmpty() && !browser.findElements(next).isEmpty()) {
      org.openqa.selenium.WebElement first =
          browser.findElement(By.xpath("//tbody[@id='" + tableId + "_data']/tr[1]"));
      browser.findElement(next).click();
      wait.until(ExpectedConditions.stalenessOf(first));
    }
  }

  /**
   * Opens the Restore page on VM {@code vmId} (the link a machine's page offers) and waits for
   * {@code shown} among its points.
   */
  void openRestoreVm(long vmId, By shown) throws Exception {
    browser.get(url("restore/restore.xhtml?vm=" + vmId));
    try {
      wait.until(ExpectedConditions.elementToBeClickable(shown));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "The Restore page opened on VM "
              + vmId
              + " never showed "
              + shown
              + "; "
              + evidence("restore-open"),
          e);
    }
  }

  /**
   * Saves the page as it is now ({@code name}.html and .png beside the screenshots) and describes
   * it: address, title, messages shown and the start of its text, for a failure message.
   */
  String evidence(String name) throws Exception {
    Path dir =
        Files.createDirectories(Path.of(System.getProperty("sendense.it.workdir"), "screenshots"));
    Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
    screenshot(name);
    String text = browser.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
    return "the page was "
        + browser.getCurrentUrl()
        + " titled '"
        + browser.getTitle()
        + "' showing: "
        + (text.length() > 600 ? text.substring(0, 600) + "…" : text)
        + " (saved as "
        + dir.resolve(name + ".html")
        + ")";
  }

  /** Makes the browser's clock report {@code zone} (an IANA name) to the pages' scripts. */
  void timeZone(String zone) {
    ((ChromeDriver) browser)
        .executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", zone));
  }

  void screenshot(String name) throws Exception {
    Path out = Path.of(System.getProperty("sendense.it.workdir"), "screenshots", name + ".png");
    Files.createDirectories(out.getParent());
    Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() throws Exception {
    browser.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
