package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TEST TOOLING: reads a point back through the hub's API as a user would (mount disk 0 for
 * file-level restore and list partition 1's root, download one file, download the whole disk as
 * raw), checks every byte against the guest folder and the disk the point was taken of, and says
 * how long each took.
 */
final class PointReads {
  /** How long the reads took: mount and list, the file's and the disk's download rate. */
  record Timings(long mountAndListMillis, double fileMibPerSecond, double diskMibPerSecond) {
    @Override
    public String toString() {
      return String.format(
          "mount + list root %d ms, file %.1f MiB/s, raw disk %.1f MiB/s",
          mountAndListMillis, fileMibPerSecond, diskMibPerSecond);
    }
  }

  private PointReads() {}

  static Timings check(
      HubApi api, URL deployedAt, long backupId, Path guest, String file, Path disk, Path work)
      throws Exception {
    long started = System.nanoTime();
    String mount =
        api.post("restore/mounts", "{\"backup_id\":" + backupId + ",\"disk_index\":0}", 201)
            .getString("mountId");
    long fileNanos;
    try {
      List<String> root =
          HubApi.objects(api.array("restore/mounts/" + mount + "/files?partition=1&path=")).stream()
              .map(e -> e.getString("name"))
              .toList();
      long listed = System.nanoTime() - started;
      assertTrue(root.containsAll(List.of("docs", "hello.txt")), root.toString());
      long fileStarted = System.nanoTime();
      HttpResponse<byte[]> download =
          HttpClient.newHttpClient()
              .send(
                  get(
                      deployedAt,
                      "restore/mounts/"
                          + mount
                          + "/download?partition=1&path="
                          + URLEncoder.encode(file, StandardCharsets.UTF_8)),
                  HttpResponse.BodyHandlers.ofByteArray());
      fileNanos = System.nanoTime() - fileStarted;
      assertEquals(200, download.statusCode(), new String(download.body()));
      assertEquals(
          GuestFiles.sha(guest.resolve(file)),
          RestoreIT.sha(download.body()),
          () -> file + ": " + firstDifference(guest.resolve(file), download.body()));
      long diskStarted = System.nanoTime();
      String diskHash = new RestoreClient(api, deployedAt).rawDiskHash(backupId, 0, work);
      long diskNanos = System.nanoTime() - diskStarted;
      assertEquals(RestoreIT.fileHash(disk), diskHash, "the raw disk equals the VM's disk");
      return new Timings(
          listed / 1_000_000,
          mibPerSecond(Files.size(guest.resolve(file)), fileNanos),
          mibPerSecond(Files.size(disk), diskNanos));
    } finally {
      api.delete("restore/mounts/" + mount);
    }
  }

  private static String firstDifference(Path expected, byte[] actual) {
    try {
      byte[] bytes = Files.readAllBytes(expected);
      int at = java.util.Arrays.mismatch(bytes, actual);
      return bytes.length
          + " bytes expected, "
          + actual.length
          + " read, first difference at "
          + at;
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static double mibPerSecond(long bytes, long nanos) {
    return bytes / 1048576.0 / (nanos / 1e9);
  }

  private static HttpRequest get(URL deployedAt, String path) throws Exception {
    String base = deployedAt.toString();
    return HttpRequest.newBuilder(
            URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/" + path))
        .header("Authorization", HubClient.admin())
        .GET()
        .build();
  }
}
