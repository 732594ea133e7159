package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A viewer in Chromium tries what only operators and admins may do: opens the admin dialogs from
 * the browser console and posts their forms and row actions by hand. Nothing changes, because the
 * pages do not render what the viewer may not use and the services check the role themselves.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ViewerBrowserIT {
  @ArquillianResource URL deployedAt;

  private Chromium chromium;
  private HubApi admin;
  private String viewer;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeEach
  void viewerInChromium() throws Exception {
    admin = HubApi.admin(deployedAt);
    viewer = "vince-" + UUID.randomUUID().toString().substring(0, 8);
    admin.post(
        "users",
        "{\"username\":\""
            + viewer
            + "\",\"password\":\"viewer-password-7\",\"roles\":[\"viewer\"]}",
        201);
    chromium = new Chromium(deployedAt);
    chromium.browser.get(chromium.url("login.xhtml"));
    chromium.browser.findElement(By.id("login:username")).sendKeys(viewer);
    chromium.browser.findElement(By.id("login:password")).sendKeys("viewer-password-7");
    chromium.browser.findElement(By.id("login:submit")).click();
    chromium.wait.until(ExpectedConditions.urlContains("/dashboard.xhtml"));
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void sourceDialogAndRowActionsAreRefused() throws Exception {
    String name = "unreachable-" + UUID.randomUUID().toString().substring(0, 8);
    long id = createUnreachableSource(name);
    open("sources/source-list.xhtml", "sources:table");
    assertNoWidget("sourceDialog");
    String row = rowIndexOf("sources:table", name);
    for (String button : new String[] {"discover", "test", "delete", "edit"}) {
      forcePost("sources", "sources:table:" + row + ":" + button, Map.of());
    }
    forcePost("editor", "editor:save", Map.of("editor:name", name + "-renamed"));
    JsonObject after = admin.object("sources/" + id);
    assertEquals(name, after.getString("name"), "the source was renamed: " + after);
    assertFalse(
        after.containsKey("lastDiscoveryAt") && !after.isNull("lastDiscoveryAt"),
        "a discovery ran: " + after);
    chromium.screenshot("viewer-sources");
  }

  @Test
  void repositoryDialogAndRowActionsAreRefused() throws Exception {
    open("repositories/repository-list.xhtml", "repos:table");
    assertNoWidget("editorDialog");
    int before = admin.array("repositories").size();
    String row = rowIndexOf("repos:table", "Local");
    forcePost("repos", "repos:table:" + row + ":delete", Map.of());
    forcePost(
        "editor",
        "editor:save",
        Map.of("editor:name", "viewer-made", "editor:type_input", "local"));
    assertEquals(before, admin.array("repositories").size());
    assertTrue(admin.get("repositories").body().contains("\"Local\""));
    assertFalse(admin.get("repositories").body().contains("viewer-made"));
  }

  @Test
  void flowAndGroupEditorsAreNotRenderedForViewers() throws Exception {
    open("flows/flow-list.xhtml", "flows:table");
    assertNoWidget("flowDialog");
    open("groups/group-list.xhtml", "groups:table");
    assertNoWidget("groupDialog");
  }

  private void open(String page, String table) {
    chromium.browser.get(chromium.url(page));
    chromium.wait.until(ExpectedConditions.presenceOfElementLocated(By.id(table)));
  }

  /** What a user gets who types {@code PF('widget').show()} into the browser console. */
  private void assertNoWidget(String widget) {
    Object outcome =
        ((JavascriptExecutor) chromium.browser)
            .executeScript(
                "try { PF(arguments[0]).show(); return 'shown'; }"
                    + " catch (e) { return 'refused'; }",
                widget);
    assertEquals("refused", outcome, widget + " could be opened by a viewer");
  }

  private String rowIndexOf(String table, String text) {
    return chromium.browser.findElements(By.cssSelector("[id='" + table + "'] tbody tr")).stream()
        .filter(r -> r.getText().contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text + " is not listed in " + table))
        .getAttribute("data-ri");
  }

  /** Posts a Faces AJAX request for {@code source} by hand, with the page's view state. */
  private void forcePost(String form, String source, Map<String, String> fields) {
    Object status =
        ((JavascriptExecutor) chromium.browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const [form, source, fields] = arguments;"
                    + "const p = new URLSearchParams();"
                    + "p.set('jakarta.faces.partial.ajax', 'true');"
                    + "p.set('jakarta.faces.source', source);"
                    + "p.set('jakarta.faces.partial.execute', form);"
                    + "p.set('jakarta.faces.partial.render', '@all');"
                    + "p.set(form, form); p.set(source, source);"
                    + "for (const [k, v] of Object.entries(fields)) p.set(k, v);"
                    + "p.set('jakarta.faces.ViewState', document.querySelector("
                    + "\"input[name='jakarta.faces.ViewState']\").value);"
                    + "fetch(location.pathname, {method: 'POST', body: p, headers: {"
                    + "'Faces-Request': 'partial/ajax'}}).then(r => done(r.status),"
                    + " e => done(String(e)));",
                form,
                source,
                fields);
    assertEquals(200L, status, "the forced post of " + source + " did not reach the page");
  }

  private long createUnreachableSource(String name) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    JsonObject created =
        admin.post(
            "sources",
            "{\"name\":\""
                + name
                + "\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\""
                + closed
                + "\",\"username\":\"u\",\"password\":\"p\",\"certificateMode\":\"insecure\"}}",
            201);
    return created.getJsonNumber("id").longValue();
  }
}
