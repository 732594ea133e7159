package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** TEST TOOLING: file-level and whole-disk restore through the hub's API, as hashes and files. */
final class RestoreClient {
  private final HubApi api;
  private final URL deployedAt;
  private final HttpClient http = HttpClient.newHttpClient();

  RestoreClient(HubApi api, URL deployedAt) {
    this.api = api;
    this.deployedAt = deployedAt;
  }

  /** SHA-256 of a file of partition 1 of disk 0, read through a restore session. */
  String fileHash(long backupId, String path) throws Exception {
    String mount =
        api.post("restore/mounts", "{\"backup_id\":" + backupId + ",\"disk_index\":0}", 201)
            .getString("mountId");
    try {
      HttpResponse<byte[]> file =
          http.send(
              authorized(
                      "restore/mounts/"
                          + mount
                          + "/download?partition=1&path="
                          + URLEncoder.encode(path, StandardCharsets.UTF_8))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, file.statusCode(), path);
      return RestoreIT.sha(file.body());
    } finally {
      api.delete("restore/mounts/" + mount);
    }
  }

  /** SHA-256 of a whole disk downloaded as raw. */
  String rawDiskHash(long backupId, int disk, Path work) throws Exception {
    Path raw = download(backupId, disk, "raw", work);
    try {
      return RestoreIT.fileHash(raw);
    } finally {
      Files.delete(raw);
    }
  }

  /** A whole disk downloaded as a standalone QCOW2. */
  Path qcow2Disk(long backupId, int disk, Path work) throws Exception {
    return download(backupId, disk, "qcow2", work);
  }

  private Path download(long backupId, int disk, String format, Path work) throws Exception {
    Path file = Files.createTempFile(work, "disk" + disk, "." + format);
    HttpResponse<Path> r =
        http.send(
            authorized("backups/" + backupId + "/disks/" + disk + "/image?format=" + format)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofFile(file));
    assertEquals(200, r.statusCode(), format + " image of disk " + disk);
    return file;
  }

  private HttpRequest.Builder authorized(String path) throws Exception {
    String base = deployedAt.toString();
    URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/" + path);
    return HttpRequest.newBuilder(uri).header("Authorization", HubClient.admin());
  }
}
