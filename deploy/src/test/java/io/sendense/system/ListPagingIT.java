package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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
 * Every list of the API is paged on a large catalog (the scale fixture, loaded with SQL): a request
 * without {@code limit} gets the default page and the total of all matching rows, {@code offset}
 * reaches the rest, sorting and searching happen in the database; the VMs page shows one page of
 * VMs with the total and searches by name. Not a timing: bench/bench-pages.sh measures.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ListPagingIT {
  @ArquillianResource URL deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  private static long count(String sql) throws Exception {
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long header(HttpResponse<?> response, String name) {
    return Long.parseLong(
        response
            .headers()
            .firstValue(name)
            .orElseThrow(() -> new AssertionError(name + " missing: " + response.headers())));
  }

  /** GETs the first page at {@code path}: see {@link #page(HubApi, String, int, int, long)}. */
  private static JsonArray page(HubApi api, String path, int limit, long total) throws Exception {
    return page(api, path, 0, limit, total);
  }

  /** GETs {@code path}: 200, a JSON array of what is left from offset (at most limit), headers. */
  private static JsonArray page(HubApi api, String path, int offset, int limit, long total)
      throws Exception {
    HttpResponse<String> response = api.get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    JsonArray items = HubApi.parse(response.body()).asJsonArray();
    assertEquals(total, header(response, "X-Total-Count"), path + " X-Total-Count");
    assertEquals(limit, header(response, "X-Limit"), path + " X-Limit");
    assertEquals(Math.max(0, Math.min(limit, total - offset)), items.size(), path + " items");
    return items;
  }

  @Test
  void aListWithoutLimitGetsTheDefaultPageAndTheTotal() throws Exception {
    ScaleCatalog.load(600, 1200, 3, 110);
    HubApi api = HubApi.admin(deployedAt);

    long vms = count("SELECT COUNT(*) FROM vm_contexts WHERE state = 'PRESENT'");
    assertTrue(vms >= 600, "the fixture loaded its VMs: " + vms);
    page(api, "vm-contexts", 100, vms);
    long flows = count("SELECT COUNT(*) FROM protection_flows");
    assertTrue(flows >= 110, "the fixture loaded its flows: " + flows);
    page(api, "protection-flows", 100, flows);
    page(api, "protection-groups", 100, count("SELECT COUNT(*) FROM protection_groups"));
    page(api, "backups", 500, count("SELECT COUNT(*) FROM backups"));
    page(api, "jobs", 200, count("SELECT COUNT(*) FROM backup_jobs"));
    page(api, "sources", 100, count("SELECT COUNT(*) FROM sources"));
    page(api, "repositories", 100, count("SELECT COUNT(*) FROM repositories"));
    page(api, "users", 100, count("SELECT COUNT(*) FROM users"));

    long group =
        count(
            "SELECT g.id FROM protection_groups g WHERE g.name LIKE 'scale-%-group-%'"
                + " ORDER BY (SELECT COUNT(*) FROM group_memberships m WHERE m.group_id = g.id)"
                + " DESC LIMIT 1");
    long members = count("SELECT COUNT(*) FROM group_memberships WHERE group_id = " + group);
    assertTrue(members > 100, "a group of the fixture has more than a page: " + members);
    JsonArray first = page(api, "protection-groups/" + group + "/members", 100, members);
    JsonArray rest =
        page(
            api,
            "protection-groups/" + group + "/members?offset=100&limit=1000",
            100,
            1000,
            members);
    assertEquals(members - 100, rest.size(), "the offset reaches the rest");
    assertTrue(
        HubApi.objects(first).stream()
            .noneMatch(
                m ->
                    HubApi.objects(rest).stream()
                        .anyMatch(o -> o.getJsonNumber("vmId").equals(m.getJsonNumber("vmId")))),
        "pages do not overlap");

    JsonArray lastFlows = page(api, "protection-flows?offset=100&limit=100", 100, 100, flows);
    assertEquals(flows - 100, lastFlows.size(), "the second page of flows holds the rest");
  }

  /**
   * Restore points and jobs page by cursor: following {@code X-Next-Cursor} from the first page
   * walks every row once, newest first, as the catalog orders them; the last page has no cursor; a
   * cursor the API did not give is a 400 that says what to pass.
   */
  @Test
  void followingTheNextCursorWalksEveryRowOnceNewestFirst() throws Exception {
    ScaleCatalog.load(200, 1500, 2, 10);
    HubApi api = HubApi.admin(deployedAt);
    assertEquals(
        ids("SELECT id FROM backups ORDER BY started_at DESC, id DESC"),
        walk(api, "backups?limit=400"));
    assertEquals(
        ids(
            "SELECT id FROM backup_jobs WHERE status = 'COMPLETED' ORDER BY queued_at DESC, id DESC"),
        walk(api, "jobs?status=COMPLETED&limit=700"));

    HttpResponse<String> bad = api.get("backups?cursor=not-a-cursor");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("X-Next-Cursor"), bad.body());
  }

  /** The ids of every page from {@code path} on, following X-Next-Cursor to the last page. */
  private static List<Long> walk(HubApi api, String path) throws Exception {
    List<Long> ids = new java.util.ArrayList<>();
    String next = path;
    while (next != null) {
      HttpResponse<String> response = api.get(next);
      assertEquals(200, response.statusCode(), next + ": " + response.body());
      HubApi.objects(HubApi.parse(response.body()).asJsonArray())
          .forEach(o -> ids.add(o.getJsonNumber("id").longValue()));
      next =
          response
              .headers()
              .firstValue("X-Next-Cursor")
              .map(c -> path + "&cursor=" + c)
              .orElse(null);
    }
    return ids;
  }

  private static List<Long> ids(String sql) throws Exception {
    List<Long> ids = new java.util.ArrayList<>();
    try (Connection db = HubEnvironment.catalog();
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    return ids;
  }

  @Test
  void listsAreSortedAndSearchedInTheDatabase() throws Exception {
    ScaleCatalog.load(300, 600, 2, 20);
    HubApi api = HubApi.admin(deployedAt);

    long matching = count("SELECT COUNT(*) FROM vm_contexts WHERE name LIKE '%scale-vm-0012%'");
    assertTrue(matching >= 10, "every load has scale-vm-00120 to 00129: " + matching);
    JsonArray found = page(api, "vm-contexts?name=SCALE-VM-0012&limit=5", 5, matching);
    for (JsonObject vm : HubApi.objects(found)) {
      assertTrue(vm.getString("name").contains("scale-vm-0012"), vm.toString());
    }

    List<String> descending =
        HubApi.objects(
                page(
                    api,
                    "vm-contexts?sort=-name&limit=20",
                    20,
                    count("SELECT COUNT(*) FROM vm_contexts WHERE state = 'PRESENT'")))
            .stream()
            .map(v -> v.getString("name"))
            .toList();
    assertEquals(
        descending.stream().sorted(java.util.Comparator.reverseOrder()).toList(),
        descending,
        "sorted by name, descending");

    HttpResponse<String> wrongSort = api.get("vm-contexts?sort=password");
    assertEquals(400, wrongSort.statusCode());
    assertTrue(wrongSort.body().contains("sort must be one of"), wrongSort.body());

    long flows = count("SELECT COUNT(*) FROM protection_flows WHERE name LIKE '%-flow-group-%'");
    JsonArray groupFlows = page(api, "protection-flows?name=-flow-group-&limit=1000", 1000, flows);
    for (JsonObject flow : HubApi.objects(groupFlows)) {
      assertEquals("group", flow.getString("targetType"), flow.toString());
    }
  }

  @Test
  void theVmsPageShowsOnePageOfVmsWithTheTotalAndSearchesByName() throws Exception {
    ScaleCatalog.load(300, 300, 2, 2);
    long present = count("SELECT COUNT(*) FROM vm_contexts WHERE state = 'PRESENT'");
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("sources/vm-list.xhtml"));
      By report = By.cssSelector("#vms\\:table .ui-paginator-current");
      chromium.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              report, "1-50 of " + present + " VMs"));
      assertEquals(
          50,
          chromium.browser.findElements(By.cssSelector("#vms\\:table_data > tr[data-ri]")).size());

      long matching = count("SELECT COUNT(*) FROM vm_contexts WHERE name LIKE '%scale-vm-0029%'");
      chromium.browser.findElement(By.id("vms:table:globalFilter")).sendKeys("scale-vm-0029");
      chromium.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              report, "1-" + Math.min(50, matching) + " of " + matching + " VMs"));
    }
  }
}
