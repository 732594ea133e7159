package io.sendense.plugins.vmware;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TEST TOOLING: the restore hooks of our vcsim build (src/test/vcsim/restore.go): the VM's hardware
 * as the simulator holds it (an oracle that does not go through the plugin), a datastore's free
 * space, and failing or slow uploads.
 */
final class SimulatorHooks {
  private final Vcsim vcsim;
  private final HttpClient http;

  SimulatorHooks(Vcsim vcsim) throws Exception {
    this.vcsim = vcsim;
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, null);
    this.http = HttpClient.newBuilder().sslContext(tls).build();
  }

  /** The VM named {@code name}, or empty if vcsim has none. */
  Optional<JsonObject> vm(String name) throws Exception {
    HttpResponse<String> r = call("GET", "vm?name=" + name);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(Json.createReader(new StringReader(r.body())).readObject());
  }

  void freeBytes(String datastore, long bytes) throws Exception {
    check(call("POST", "datastores?name=" + datastore + "&freeBytes=" + bytes));
  }

  void uploads(String vmFolder, boolean fail, int msPerMiB) throws Exception {
    check(call("POST", "uploads?vm=" + vmFolder + "&fail=" + fail + "&msPerMiB=" + msPerMiB));
  }

  long received(String vmFolder) throws Exception {
    return Json.createReader(new StringReader(check(call("GET", "uploads?vm=" + vmFolder)).body()))
        .readObject()
        .getJsonNumber("received")
        .longValue();
  }

  private HttpResponse<String> call(String method, String path)
      throws IOException, InterruptedException {
    URI uri = vcsim.url().resolve("/sendense/" + path);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> check(HttpResponse<String> response) throws IOException {
    if (response.statusCode() != 200) {
      throw new IOException(
          response.uri() + " -> " + response.statusCode() + " " + response.body());
    }
    return response;
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
