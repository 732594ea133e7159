package io.sendense.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
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
    // The address changes before the dashboard has loaded: a read right after could meet the
    // login page's elements or none.
    settle();
  }

  /**
   * Waits until {@code read} gives a value that {@code expected} accepts and returns that value.
   * The page is read anew each time: a read that meets an element re-rendered by an ajax update or
   * a poll (stale), or one not there yet, is a "not yet". When no read is accepted in 30 s, fails
   * with {@code what}, the last value read and the page ({@link #evidence}).
   */
  <T> T await(String what, Function<WebDriver, T> read, Predicate<? super T> expected)
      throws Exception {
    return await(what, read, expected, Duration.ofSeconds(30));
  }

  /** {@link #await(String, Function, Predicate)} for up to {@code timeout}. */
  <T> T await(
      String what, Function<WebDriver, T> read, Predicate<? super T> expected, Duration timeout)
      throws Exception {
    List<T> last = new ArrayList<>();
    try {
      return new WebDriverWait(browser, timeout)
          .ignoring(StaleElementReferenceException.class)
          .ignoring(NoSuchElementException.class)
          .until(
              d -> {
                T value = read.apply(d);
                last.clear();
                last.add(value);
                return expected.test(value) ? Optional.ofNullable(value) : null;
              })
          .orElse(null);
    } catch (TimeoutException notSeen) {
      throw new AssertionError(
          what
              + ": not seen in "
              + timeout.toSeconds()
              + " s; last read: "
              + (last.isEmpty() ? "nothing (stale or missing)" : "'" + last.get(0) + "'")
              + "; "
              + evidence("await-" + fileName(what)),
          notSeen);
    }
  }

  /** {@code what} as part of a file name: letters and digits, at most 60 characters. */
  private static String fileName(String what) {
    String name = what.replaceAll("[^A-Za-z0-9]+", "-");
    return name.length() > 60 ? name.substring(0, 60) : name;
  }

  /** {@link #await(String, Function, Predicate)} on the text of the element {@code by}. */
  String awaitText(String what, By by, Predicate<String> expected) throws Exception {
    return await(what, d -> d.findElement(by).getText(), expected);
  }

  /** {@link #click(String, Function)} on the element {@code by}. */
  void click(By by) throws Exception {
    click(by.toString(), d -> d.findElement(by));
  }

  /**
   * Clicks the element that {@code find} gives (null: not there yet) once it is shown and enabled,
   * scrolled into the window first where it lies outside. A click that meets the element
   * re-rendered (stale) or covered by something still moving away (a closing menu or dialog, a
   * fading growl) did not happen: the element is found anew and the click aimed again, for up to 30
   * s; then fails with {@code what} and the page.
   */
  void click(String what, Function<WebDriver, WebElement> find) throws Exception {
    try {
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .ignoring(StaleElementReferenceException.class)
          .ignoring(NoSuchElementException.class)
          .ignoring(ElementClickInterceptedException.class)
          .ignoring(ElementNotInteractableException.class)
          .until(
              d -> {
                WebElement element = find.apply(d);
                if (element == null || !element.isDisplayed() || !element.isEnabled()) {
                  return false;
                }
                // A button at the foot of a dialog taller than the window: brought to the middle.
                js().executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                            + " if (r.top < 0 || r.bottom > window.innerHeight)"
                            + " arguments[0].scrollIntoView({block: 'center'});",
                        element);
                element.click();
                return true;
              });
    } catch (TimeoutException notClicked) {
      throw new AssertionError(
          "could not click " + what + "; " + evidence("click-" + fileName(what)), notClicked);
    }
  }

  /**
   * Presses Tab (keys only, as a person without a mouse does) until the element whose id is {@code
   * id} has the focus; fails after {@code most} presses, naming where the focus went.
   */
  void tabTo(String id, int most) {
    List<String> visited = new ArrayList<>();
    for (int i = 0; i < most; i++) {
      String focused = (String) js().executeScript("return document.activeElement.id");
      if (id.equals(focused)) {
        return;
      }
      visited.add(focused);
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError(
        "Tab never reached " + id + " in " + most + " presses; the focus went through " + visited);
  }

  /** Presses {@code key} on whatever has the focus. */
  void press(CharSequence key) {
    new Actions(browser).sendKeys(key).perform();
  }

  /**
   * Opens {@code path} (below the hub's address, e.g. "jobs/job-list.xhtml"), waits until the page
   * has loaded and its requests have ended (lazy tables fetch their rows), and checks it as {@link
   * #checkPage} does, under the name of its file.
   */
  void visit(String path) throws Exception {
    browser.get(url(path));
    settle();
    String file = path.replaceAll("[?#].*", "");
    checkPage(file.substring(file.lastIndexOf('/') + 1).replace(".xhtml", ""));
  }

  /** The live page's state (live.js: sockets open, polls, pushes, refreshes, idle). */
  @SuppressWarnings("unchecked")
  Map<String, Object> liveState() {
    return (Map<String, Object>) js().executeScript("return SendenseLive.state()");
  }

  /**
   * The XHRs the page made so far (resource timing); {@link #countRequests} first lifts the
   * browser's limit of 250 entries, which would otherwise stop the count.
   */
  long requests() {
    return ((Number)
            js().executeScript(
                    "return performance.getEntriesByType('resource')"
                        + ".filter(function (e) { return e.initiatorType === 'xmlhttprequest'; })"
                        + ".length"))
        .longValue();
  }

  void countRequests() {
    js().executeScript("performance.setResourceTimingBufferSize(100000)");
  }

  /**
   * Removes the growl's messages, before an axe check of what an action opened: a growl fading in
   * or out reads to axe as too pale a colour, which says nothing of the page.
   */
  void dismissGrowls() {
    js().executeScript(
            "document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove())");
  }

  /** Waits until the page has loaded and no PrimeFaces or jQuery request is under way. */
  void settle() {
    wait.until(
        d ->
            Boolean.TRUE.equals(
                js().executeScript(
                        "return document.readyState === 'complete'"
                            + " && (!window.jQuery || jQuery.active === 0)"
                            + " && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty())")));
  }

  /**
   * The checks every page passes as it is shown now: no table cell cuts its text ({@link
   * #assertNothingCut}), and in the light and the dark theme each: no serious or critical
   * accessibility violation ({@link #assertAccessible}) and a screenshot of the whole page into
   * {@code <workdir>/screenshots/pages/<name>-<window width>-light.png} and {@code -dark.png} for a
   * reviewer. All problems found are reported together.
   */
  void checkPage(String name) throws Exception {
    List<String> problems = new ArrayList<>();
    try {
      assertNothingCut(null);
    } catch (AssertionError cut) {
      problems.add(cut.getMessage());
    }
    problems.addAll(inBothThemes(name + "-" + windowWidth()));
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /**
   * {@link #assertAccessible} in the light and then the dark theme, and a screenshot of the whole
   * page in each ({@code <shot>-light.png}, {@code -dark.png}) unless {@code shot} is null; returns
   * the problems found. The theme is a class of the body over CSS variables: swapping it in place
   * shows the page as the other theme renders it, without a round trip that would reset the page's
   * state (the user's saved theme, which other tests may have switched, does not decide).
   */
  List<String> inBothThemes(String shot) throws Exception {
    List<String> problems = new ArrayList<>();
    String original = (String) js().executeScript("return document.body.className");
    // Colours must be final when axe reads them: no transition between the themes.
    js().executeScript(
            "if (!document.getElementById('sd-no-transitions')) {"
                + " const s = document.createElement('style'); s.id = 'sd-no-transitions';"
                + " s.textContent = '*, *::before, *::after { transition: none !important; }';"
                + " document.head.appendChild(s); }");
    try {
      for (String theme : List.of("light", "dark")) {
        js().executeScript(
                "document.body.classList.remove('sd-light', 'sd-dark');"
                    + " document.body.classList.add('sd-' + arguments[0]);",
                theme);
        try {
          assertAccessible();
        } catch (AssertionError violations) {
          problems.add(theme + " theme: " + violations.getMessage());
        }
        if (shot != null) {
          pageScreenshot(shot + "-" + theme);
        }
      }
    } finally {
      js().executeScript("document.body.className = arguments[0]", original);
    }
    return problems;
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) browser;
  }

  /**
   * Fails when a cell of the table {@code tableId} (every table on the page when null) cuts its
   * text: an element of a cell whose content is wider or taller than its box while it hides what
   * overflows, unless its title holds the whole text (an ellipsis with the full value on hover).
   * PrimeFaces' visually hidden helpers for screen readers are not cells' text.
   */
  void assertNothingCut(String tableId) {
    @SuppressWarnings("unchecked")
    List<String> cut =
        (List<String>)
            js().executeScript(
                    """
                    const tables = arguments[0] === null
                        ? [...document.querySelectorAll('.ui-datatable')]
                        : [document.getElementById(arguments[0])];
                    const cut = [];
                    for (const table of tables) {
                      if (!table) { cut.push('no table ' + arguments[0]); continue; }
                      for (const cell of table.querySelectorAll('th, td')) {
                        for (const e of [cell, ...cell.querySelectorAll('*')]) {
                          if (e.getClientRects().length === 0) continue;
                          // PrimeFaces' 1 px boxes for screen readers (a menu's native select) are
                          // hidden on purpose, not cut
                          if (e.closest('.ui-helper-hidden-accessible')) continue;
                          const text = (e.innerText || '').trim();
                          if (!text) continue;
                          const style = getComputedStyle(e);
                          const wide = e.scrollWidth > e.clientWidth + 1 && style.overflowX !== 'visible';
                          const tall = e.scrollHeight > e.clientHeight + 1 && style.overflowY !== 'visible';
                          const titled = (e.title || '').trim().includes(text);
                          if ((wide || tall) && !titled) {
                            cut.push((table.id || 'table') + ': "' + text.substring(0, 80) + '" shows '
                                + e.clientWidth + 'x' + e.clientHeight + ' of ' + e.scrollWidth + 'x' + e.scrollHeight + ' px');
                          }
                        }
                      }
                    }
                    return cut;
                    """,
                    tableId);
    if (!cut.isEmpty()) {
      throw new AssertionError(
          "Cut in " + browser.getCurrentUrl() + " at " + windowWidth() + " px: " + cut);
    }
  }

  /** axe-core's script, read once from its webjar on the test class path. */
  private static String axeScript;

  private static synchronized String axe() throws IOException {
    if (axeScript == null) {
      try (InputStream in =
          Chromium.class.getResourceAsStream(
              "/META-INF/resources/webjars/axe-core/" + AXE_VERSION + "/axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException("axe-core " + AXE_VERSION + " is not on the class path");
        }
        axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return axeScript;
  }

  /** The version of the axe-core webjar in deploy's pom (its files sit below this name). */
  private static final String AXE_VERSION = "4.6.3";

  /**
   * Fails when axe-core finds a serious or critical accessibility violation on the page as it is
   * shown now (WCAG 2 A and AA rules and axe's best practices), naming each rule, its help and the
   * first elements that break it.
   */
  void assertAccessible() throws IOException {
    if (!Boolean.TRUE.equals(js().executeScript("return typeof window.axe === 'object'"))) {
      js().executeScript(axe());
    }
    @SuppressWarnings("unchecked")
    List<String> violations =
        (List<String>)
            js().executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']})
                      .then(r => done(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): '
                          + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')
                          + (v.nodes.length > 5 ? ' and ' + (v.nodes.length - 5) + ' more' : ''))))
                      .catch(e => done(['axe failed: ' + e]));
                    """);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "Accessibility of "
              + browser.getCurrentUrl()
              + " at "
              + windowWidth()
              + " px: "
              + String.join("; ", violations));
    }
  }

  private long windowWidth() {
    return ((Number) js().executeScript("return window.innerWidth")).longValue();
  }

  /** A screenshot of the whole page (beyond the window), up to 6000 px tall. */
  void pageScreenshot(String name) throws Exception {
    Path out =
        Path.of(System.getProperty("sendense.it.workdir"), "screenshots", "pages", name + ".png");
    Files.createDirectories(out.getParent());
    Number width = (Number) js().executeScript("return document.documentElement.scrollWidth");
    Number height = (Number) js().executeScript("return document.documentElement.scrollHeight");
    Map<String, Object> clip =
        Map.of(
            "x",
            0,
            "y",
            0,
            "width",
            width,
            "height",
            Math.min(6000, height.intValue()),
            "scale",
            1);
    Map<String, Object> shot =
        ((ChromeDriver) browser)
            .executeCdpCommand(
                "Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.write(out, Base64.getDecoder().decode((String) shot.get("data")));
  }

  /** Switches the Restore page's points to the table, unless it shows them so already. */
  void showPointsTable() throws Exception {
    By table = By.id("restore:show-table");
    wait.until(ExpectedConditions.elementToBeClickable(table));
    if (!"true".equals(browser.findElement(table).getDomAttribute("aria-pressed"))) {
      click(table);
      wait.until(ExpectedConditions.attributeToBe(table, "aria-pressed", "true"));
    }
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
  void turnTo(String tableId, By row) throws Exception {
    By next = By.cssSelector("[id='" + tableId + "'] .ui-paginator-next:not(.ui-state-disabled)");
    while (browser.findElements(row).isEmpty() && !browser.findElements(next).isEmpty()) {
      org.openqa.selenium.WebElement first =
          browser.findElement(By.xpath("//tbody[@id='" + tableId + "_data']/tr[1]"));
      // The table may be redrawn (a poll, the last typed letter's filter) as the button is hit.
      click(next);
      wait.until(ExpectedConditions.stalenessOf(first));
    }
  }

  /**
   * Opens the Restore page on VM {@code vmId} (the link a machine's page offers), shows its points
   * as the table (the page opens on the timeline) and waits for {@code shown} among them.
   */
  void openRestoreVm(long vmId, By shown) throws Exception {
    browser.get(url("restore/restore.xhtml?vm=" + vmId));
    showPointsTable();
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
   * Picks the item {@code label} of the PrimeFaces select menu {@code menuId} as a person does
   * (opens the menu, clicks the item) and waits until the menu shows it. PrimeFaces slides the item
   * list open and then aligns it to the menu, above it where the space below is short: a click
   * aimed while the list still moves can land beside the item, close the list and choose nothing
   * (CI of 9d262ff, twice in dialogs). So the click waits until the list stands still, and a pick
   * that did not take is tried again, three times at most; the third failure fails the test with
   * the page.
   */
  void choose(String menuId, String label) throws Exception {
    String css = "#" + menuId.replace(":", "\\:");
    By item = By.cssSelector(css + "_items li[data-label=\"" + label.replace("\"", "\\\"") + "\"]");
    By panel = By.id(menuId + "_panel");
    for (int attempt = 1; ; attempt++) {
      try {
        if (!browser.findElement(panel).isDisplayed()) {
          browser.findElement(By.id(menuId)).click();
        }
        wait.until(ExpectedConditions.elementToBeClickable(item));
        wait.until(
            d ->
                Boolean.TRUE.equals(
                    js().executeScript(
                            "return !window.jQuery || !jQuery(arguments[0]).is(':animated')",
                            d.findElement(panel))));
        // Found anew once the list stands still: an ajax update of the form may have replaced it.
        browser.findElement(item).click();
        new WebDriverWait(browser, Duration.ofSeconds(5))
            .until(ExpectedConditions.textToBe(By.id(menuId + "_label"), label));
        return;
      } catch (TimeoutException
          | StaleElementReferenceException
          | ElementNotInteractableException notChosen) { // covered, or no longer shown
        if (attempt == 3) {
          throw new AssertionError(
              "The menu "
                  + menuId
                  + " did not take '"
                  + label
                  + "'; "
                  + evidence("choose-" + menuId.replace(':', '-')),
              notChosen);
        }
      }
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
