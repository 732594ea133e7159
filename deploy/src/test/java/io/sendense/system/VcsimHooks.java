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

  /** The local folder of a VM's files, from its "[ds] folder/name.vmx" (as {@link #vm} answers). */
  Path folderOf(jakarta.json.JsonObject vm) {
    String vmx = vm.getString("vmPathName");
    int close = vmx.indexOf(']');
    String path = vmx.substring(close + 1).strip();
    return vcsim
        .datastores()
        .get(vmx.substring(1, close))
        .resolve(path.substring(0, path.lastIndexOf('/')));
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

  /** The VM named {@code name} as vcsim holds it (hardware, power state, disks), if any. */
  java.util.Optional<jakarta.json.JsonObject> vm(String name) throws Exception {
    return lookUp("vm?name=" + encode(name));
  }

  /** The VM with the managed object id {@code id} (such as "vm-42") as vcsim holds it, if any. */
  java.util.Optional<jakarta.json.JsonObject> vmWithId(String id) throws Exception {
    return lookUp("vm?id=" + encode(id));
  }

  private java.util.Optional<jakarta.json.JsonObject> lookUp(String query) throws Exception {
    HttpResponse<String> r = send("GET", query);
    if (r.statusCode() == 404) {
      return java.util.Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw new IOException(query + " -> " + r.statusCode());
    }
    return java.util.Optional.of(Json.createReader(new StringReader(r.body())).readObject());
  }

  /**
   * Downloads the flat file of each disk of {@code vm} (as {@link #vm} answers it) into {@code
   * folder}, in disk order: what {@link Qemu#assertMatches} compares a restored VM's point with.
   */
  List<Path> downloadDisks(jakarta.json.JsonObject vm, Path folder) throws Exception {
    List<Path> disks = new java.util.ArrayList<>();
    jakarta.json.JsonArray all = vm.getJsonArray("disks");
    for (int i = 0; i < all.size(); i++) {
      disks.add(
          download(
              all.getJsonObject(i).getString("file").replace(".vmdk", "-flat.vmdk"),
              folder.resolve("vm-" + vm.getString("id") + "-disk" + i + ".raw")));
    }
    return disks;
  }

  /**
   * Powers the VM off ({@code on} false) or on as a user would: vcsim's own power task through the
   * vSphere API; a VM already in that state is left alone. Returns vcsim's power state after it.
   */
  String power(String vm, boolean on) throws Exception {
    String state = on ? "poweredOn" : "poweredOff";
    return Json.createReader(
            new StringReader(call("POST", "power?vm=" + encode(vm) + "&state=" + state)))
        .readObject()
        .getString("powerState");
  }

  /** Makes the datastore report {@code bytes} free. */
  void freeBytes(String datastore, long bytes) throws Exception {
    call("POST", "datastores?name=" + datastore + "&freeBytes=" + bytes);
  }

  /** Makes uploads into a VM folder fail, or slows them to {@code msPerMiB}. */
  void uploads(String vmFolder, boolean fail, int msPerMiB) throws Exception {
    call("POST", "uploads?vm=" + encode(vmFolder) + "&fail=" + fail + "&msPerMiB=" + msPerMiB);
  }

  /** Bytes uploaded into a VM folder so far. */
  long received(String vmFolder) throws Exception {
    return Json.createReader(new StringReader(call("GET", "uploads?vm=" + encode(vmFolder))))
        .readObject()
        .getJsonNumber("received")
        .longValue();
  }

  /**
   * Downloads a file through the datastore HTTP file service, as any client of the vCenter would:
   * {@code datastorePath} is "[ds] folder/file".
   */
  Path download(String datastorePath, Path target) throws Exception {
    int close = datastorePath.indexOf(']');
    String ds = datastorePath.substring(1, close);
    String path = datastorePath.substring(close + 1).strip();
    URI uri =
        vcsim.url().resolve("/folder/" + encodePath(path) + "?dcPath=DC0&dsName=" + encode(ds));
    HttpResponse<Path> r =
        http.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofFile(target));
    if (r.statusCode() != 200) {
      throw new IOException("GET " + uri + " -> " + r.statusCode());
    }
    return target;
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      out.append(out.length() == 0 ? "" : "/").append(encode(segment));
    }
    return out.toString();
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    URI uri = vcsim.url().resolve("/sendense/" + path);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
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
