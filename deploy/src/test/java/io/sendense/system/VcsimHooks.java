package io.sendense.system;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TEST TOOLING: the test-only endpoints of our vcsim build (plugins/vmware/src/test/vcsim/hooks.go)
 * and the VMs' disk files in its datastore folder.
 */
final class VcsimHooks {
  private final VcsimProcess vcsim;
  private final HttpClient http;

  VcsimHooks(VcsimProcess vcsim) throws Exception {
    this.vcsim = vcsim;
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, null);
    this.http = HttpClient.newBuilder().sslContext(tls).build();
  }

  /**
   * Adds the simulator to the hub as a source pinned to its certificate and discovers its VMs;
   * returns the source's id.
   */
  long addAsSource(HubApi api, String user, String password) throws Exception {
    String body =
        "{\"name\":\"vc-"
            + java.util.UUID.randomUUID()
            + "\",\"config\":{\"host\":\"127.0.0.1\",\"port\":\""
            + vcsim.url().getPort()
            + "\",\"username\":\""
            + user
            + "\",\"password\":\""
            + password
            + "\",\"certificateMode\":\"pinned\",\"thumbprint\":\""
            + vcsim.thumbprint()
            + "\"}}";
    long id = api.post("sources", body, 201).getJsonNumber("id").longValue();
    api.post("sources/" + id + "/discover", "", 200);
    return id;
  }

  /** The catalog id of the VM named {@code vm} of source {@code source}. */
  static long vmId(HubApi api, long source, String vm) throws Exception {
    return api.array("vm-contexts?source=" + source + "&name=" + vm).stream()
        .map(jakarta.json.JsonValue::asJsonObject)
        .filter(v -> v.getString("name").equals(vm))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no VM " + vm + " in source " + source))
        .getJsonNumber("id")
        .longValue();
  }

  /** The flat (data) file of disk {@code n} (1-based) of a VM. */
  Path flatFile(String vm, int n) {
    return vcsim.datastores().get("LocalDS_0").resolve(vm).resolve("disk" + n + "-flat.vmdk");
  }

  List<String> snapshots(String vm) throws Exception {
    return names(call("GET", "snapshots?vm=" + vm));
  }

  void takeSnapshot(String vm, String name) throws Exception {
    call("POST", "snapshots?vm=" + vm + "&name=" + name);
  }

  /**
   * Makes downloads of the VM's disks fail, or slows them to {@code msPerMiB}. The delay is per
   * connection: the hub reads each disk over up to {@code readStreams} (default 4) connections at
   * once, so a disk goes about 4 times as fast as one connection would.
   */
  void downloads(String vm, boolean fail, int msPerMiB) throws Exception {
    call("POST", "downloads?vm=" + vm + "&fail=" + fail + "&msPerMiB=" + msPerMiB);
  }

  /** Bytes of the VM's disk files served so far. */
  long served(String vm) throws Exception {
    return Json.createReader(new StringReader(call("GET", "downloads?vm=" + vm)))
        .readObject()
        .getJsonNumber("served")
        .longValue();
  }

  private String call(String method, String path) throws IOException, InterruptedException {
    URI uri = vcsim.url().resolve("/sendense/" + path);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(method + " " + uri + " -> " + response.statusCode());
    }
    return response.body();
  }

  private static List<String> names(String json) {
    return Json.createReader(new StringReader(json)).readArray().stream()
        .map(v -> ((JsonString) v).getString())
        .toList();
  }

  /** The simulator's certificate is self-signed and only ever on loopback. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
