package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Encryption at rest in the hub: a local repository created with "encrypt new points" receives a
 * chain of three backups of a vcsim VM whose first disk holds an ext4 guest. Every point is judged
 * by qemu-img with the exported passphrase as secret (check, and compare with the disk as it was),
 * and qemu-img fails cleanly without it; a file restored from the encrypted incremental matches the
 * guest's file; the middle point is merged out of the chain and the last still compares identical;
 * the passphrase never appears in the repository and is exported once, audited.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class EncryptionIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "vcsim-Encrypt-1";
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";

  private static VcsimProcess vcsim;
  private static VcsimHooks hooks;

  @ArquillianResource URL deployedAt;
  private HubApi api;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeAll
  static void startVcsim() throws Exception {
    vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of(
                "-username=" + USER,
                "-password=" + PASSWORD,
                "-vms=1",
                "-extra-disks=1",
                "-disk-mb=" + (DISK >> 20)));
    hooks = new VcsimHooks(vcsim);
  }

  @AfterAll
  static void stopVcsim() throws Exception {
    vcsim.close();
  }

  @Test
  void anEncryptedChainOpensInQemuWithTheSecretOnlyAndRestoresFiles() throws Exception {
    api = HubApi.admin(deployedAt);
    Path work =
        Files.createTempDirectory(
            Files.createDirectories(Path.of(System.getProperty("sendense.it.workdir"))),
            "encryption-it");
    Path folder = Files.createDirectories(work.resolve("repo"));
    JsonObject repo =
        api.post(
            "repositories",
            BackupFixture.localRepositoryJson("encrypted-" + System.nanoTime(), folder)
                .add("encrypt", true)
                .build()
                .toString(),
            201);
    long repository = repo.getJsonNumber("id").longValue();
    assertTrue(repo.getJsonObject("encryption").getBoolean("encrypted"), repo.toString());
    assertFalse(repo.toString().contains("passphrase\":\""), repo.toString());
    HttpResponse<String> change = api.put("repositories/" + repository, "{\"encrypt\":false}");
    assertEquals(409, change.statusCode(), change.body());
    assertTrue(change.body().contains("cannot change"), change.body());

    long source = hooks.addAsSource(api, USER, PASSWORD);
    long vm = VcsimHooks.vmId(api, source, VM);
    Path v1 = guest(work.resolve("v1"), "first version\n");
    Path v2 = guest(work.resolve("v2"), "second version, changed\n");
    Path image = work.resolve("guest.raw");
    List<Long> points = new ArrayList<>();
    List<List<Path>> raws = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      if (p < 2) {
        GuestImages.build(p == 0 ? v1 : v2, image, DISK, work);
        GuestImages.writeInPlace(image, hooks.flatFile(VM, 1));
      } else {
        byte[] noise = new byte[3 << 20];
        new java.util.Random(3).nextBytes(noise);
        try (var ch =
            java.nio.channels.FileChannel.open(
                hooks.flatFile(VM, 2),
                java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.CREATE)) {
          ch.write(java.nio.ByteBuffer.wrap(noise), 5L << 20);
        }
      }
      points.add(backup(vm, repository));
      List<Path> disks = new ArrayList<>();
      for (int d = 1; d <= 2; d++) {
        disks.add(Files.copy(hooks.flatFile(VM, d), work.resolve("p" + p + "-d" + d + ".raw")));
      }
      raws.add(disks);
    }
    assertEquals(
        "INCREMENTAL",
        api.object("backups/" + points.get(2)).getJsonObject("backup").getString("type"));

    JsonObject export = api.post("repositories/" + repository + "/passphrase-export", "{}", 200);
    String passphrase = export.getString("passphrase");
    assertEquals(43, passphrase.length());
    HttpResponse<String> again =
        api.post("repositories/" + repository + "/passphrase-export", "{}");
    assertEquals(409, again.statusCode(), again.body());
    assertTrue(again.body().contains("shown only once"), again.body());
    assertTrue(
        api.array("audit?limit=1000").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                e ->
                    e.getString("action").equals("repository.passphrase-export")
                        && e.getString("outcome").equals("SUCCESS")
                        && !e.toString().contains(passphrase)),
        "the export is audited without the passphrase");
    Path secret = Files.writeString(work.resolve("pass"), passphrase, StandardCharsets.US_ASCII);
    assertNoFileHolds(folder, passphrase);

    for (int p = 0; p < 3; p++) {
      JsonObject point = api.object("backups/" + points.get(p));
      for (JsonValue value : point.getJsonArray("disks")) {
        JsonObject disk = value.asJsonObject();
        Path file = folder.resolve(disk.getString("fileName"));
        Path raw = raws.get(p).get(disk.getInt("index"));
        assertTrue(Qemu.run("info", file.toString()).contains("encrypted: yes"));
        Qemu.run(
            "check", "--object", "secret,id=s,file=" + secret, "--image-opts", opts(file, p + 1));
        String same =
            Qemu.run(
                "compare",
                "--object",
                "secret,id=s,file=" + secret,
                "--image-opts",
                opts(file, p + 1),
                "driver=raw,file.filename=" + raw);
        assertTrue(same.contains("Images are identical"), same);
        Result bare = qemu("compare", "-f", "qcow2", "-F", "raw", file.toString(), raw.toString());
        assertNotEquals(0, bare.code(), bare.out());
        assertTrue(bare.out().contains("key-secret"), bare.out());
      }
    }

    JsonObject mount =
        api.post("restore/mounts", "{\"backup_id\":" + points.get(1) + ",\"disk_index\":0}", 201);
    String mountId = mount.getString("mountId");
    HttpResponse<byte[]> hello = download(mountId, "hello.txt");
    assertEquals(200, hello.statusCode());
    assertEquals("second version, changed\n", new String(hello.body(), StandardCharsets.UTF_8));
    HttpResponse<byte[]> big = download(mountId, "docs/big.bin");
    assertEquals(RestoreIT.fileHash(v2.resolve("docs/big.bin")), RestoreIT.sha(big.body()));
    api.delete("restore/mounts/" + mountId);

    HttpResponse<String> removal = api.delete("backups/" + points.get(1));
    assertTrue(removal.statusCode() == 202 || removal.statusCode() == 204, removal.body());
    awaitGone(points.get(1));
    JsonObject last = api.object("backups/" + points.get(2));
    for (JsonValue value : last.getJsonArray("disks")) {
      JsonObject disk = value.asJsonObject();
      Path file = folder.resolve(disk.getString("fileName"));
      String same =
          Qemu.run(
              "compare",
              "--object",
              "secret,id=s,file=" + secret,
              "--image-opts",
              opts(file, 2),
              "driver=raw,file.filename=" + raws.get(2).get(disk.getInt("index")));
      assertTrue(same.contains("Images are identical"), same);
    }
  }

  @Test
  void theRepositoriesPageCreatesAnEncryptedRepositoryAndShowsItsPassphraseOnce() throws Exception {
    api = HubApi.admin(deployedAt);
    Path folder = Files.createTempDirectory("sendense-encrypted-page");
    String name = "page-encrypted-" + System.nanoTime();
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      WebDriver browser = chromium.browser;
      browser.get(chromium.url("repositories/repository-list.xhtml"));
      browser.findElement(By.id("repos:add")).click();
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor:name")));
      browser.findElement(By.id("editor:name")).sendKeys(name);
      chromium.choose("editor:type", "Local folder");
      chromium.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("editor:fields"), "A folder on the hub"));
      By path = By.cssSelector("#editor .sd-config-path");
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(path));
      chromium.settle(); // no update of the form under way that would replace the field
      browser.findElement(path).sendKeys(folder.toString());
      chromium.click(By.cssSelector("#editor\\:encrypt .ui-chkbox-box"));
      chromium.wait.until(
          ExpectedConditions.attributeContains(
              By.cssSelector("#editor\\:encrypt .ui-chkbox-box"), "class", "ui-state-active"));
      chromium.click(By.id("editor:save"));
      try {
        chromium.wait.until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("repos:table"), name));
      } finally {
        chromium.screenshot("encrypted-repository");
      }
      JsonObject repo =
          api.array("repositories").stream()
              .map(JsonValue::asJsonObject)
              .filter(r -> r.getString("name").equals(name))
              .findFirst()
              .orElseThrow();
      assertTrue(repo.getJsonObject("encryption").getBoolean("encrypted"), repo.toString());

      By key =
          By.xpath(
              "//tr[td[contains(., '" + name + "')]]//button[contains(@id, 'exportPassphrase')]");
      chromium.click(key);
      By value = By.id("passphrase:value");
      chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(value));
      // The dialog opens as its form is updated: read the field as it is once filled.
      String shown =
          chromium.await(
              "the passphrase in its dialog",
              d -> d.findElement(value).getDomProperty("value"),
              v -> v != null && !v.isEmpty());
      assertEquals(43, shown.length(), shown);
      chromium.click(By.id("passphrase:close"));
      chromium.wait.until(ExpectedConditions.invisibilityOfElementLocated(value));
      chromium.wait.until(ExpectedConditions.invisibilityOfElementLocated(key));
      HttpResponse<String> again =
          api.post(
              "repositories/" + repo.getJsonNumber("id").longValue() + "/passphrase-export", "{}");
      assertEquals(409, again.statusCode(), again.body());
      assertTrue(again.body().contains("by admin"), again.body());
    }
  }

  private long backup(long vm, long repository) throws Exception {
    String request = "{\"vmId\":" + vm + ",\"repositoryId\":" + repository + ",\"type\":\"auto\"}";
    long job = api.post("backups", request, 202).getJsonNumber("id").longValue();
    JsonObject done = BackupFixture.awaitEnd(api, job);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    return done.getJsonNumber("backupId").longValue();
  }

  private void awaitGone(long backupId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (api.get("backups/" + backupId).statusCode() != 404) {
      assertTrue(
          System.nanoTime() < deadline, "backup " + backupId + " was not merged out in time");
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** qemu's options for an encrypted chain of {@code depth} images: a key secret per layer. */
  private static String opts(Path file, int depth) {
    StringBuilder s =
        new StringBuilder("driver=qcow2,file.filename=" + file + ",encrypt.key-secret=s");
    String prefix = "";
    for (int d = 1; d < depth; d++) {
      prefix += "backing.";
      s.append(',').append(prefix).append("encrypt.key-secret=s");
    }
    return s.toString();
  }

  private HttpResponse<byte[]> download(String mount, String path) throws Exception {
    String base = deployedAt.toString();
    URI uri =
        URI.create(
            (base.endsWith("/") ? base : base + "/")
                + "api/v1/restore/mounts/"
                + mount
                + "/download?partition=1&path="
                + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri).header("Authorization", HubClient.admin()).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Path guest(Path root, String hello) throws Exception {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("hello.txt"), hello);
    byte[] big = new byte[2 << 20];
    new java.util.Random(hello.length()).nextBytes(big);
    Files.write(root.resolve("docs/big.bin"), big);
    return root;
  }

  private static void assertNoFileHolds(Path folder, String secret) throws Exception {
    byte[] needle = secret.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(f);
        for (int i = 0; i + needle.length <= content.length; i++) {
          assertFalse(
              java.util.Arrays.equals(content, i, i + needle.length, needle, 0, needle.length),
              f + " holds the passphrase");
        }
      }
    }
  }

  private record Result(int code, String out) {}

  private static Result qemu(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("qemu-img"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    return new Result(process.exitValue(), out);
  }
}
