package io.sendense.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP calls against the deployed hub, with its own cookie jar like one browser. */
final class HubClient {
  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  HubClient(URL deployedAt) {
    String url = deployedAt.toString();
    base = url.endsWith("/") ? url : url + "/";
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String admin() throws IOException {
    return basic("admin", HubEnvironment.adminPassword());
  }

  /** Opens a websocket at {@code url} with this client's cookies (its session), as a page would. */
  java.net.http.WebSocket webSocket(String url) throws Exception {
    return http.newWebSocketBuilder()
        .buildAsync(URI.create(url), new java.net.http.WebSocket.Listener() {})
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    return send(request(path, headers).GET());
  }

  /** A GET whose body is kept as bytes (PDF, ZIP). */
  HttpResponse<byte[]> getBytes(String path, String... headers)
      throws IOException, InterruptedException {
    return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> delete(String path, String... headers)
      throws IOException, InterruptedException {
    return send(request(path, headers).DELETE());
  }

  HttpResponse<String> post(String path, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    return send(
        request(path, headers)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> put(String path, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    return send(
        request(path, headers)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Logs in through the real login form; returns the response to the form post. */
  HttpResponse<String> formLogin(String user, String password)
      throws IOException, InterruptedException {
    String page = get("login.xhtml").body();
    Matcher viewState = VIEW_STATE.matcher(page);
    if (!viewState.find()) {
      throw new AssertionError("The login page has no Faces view state");
    }
    String form =
        "login=login&login%3Ausername="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&login%3Apassword="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&login%3Asubmit=&jakarta.faces.ViewState="
            + URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8)
            + nonce(page);
    return post("login.xhtml", "application/x-www-form-urlencoded", form);
  }

  /**
   * Submits the Faces form {@code form} of {@code page} (as a browser without JavaScript would)
   * with {@code fields} (ids relative to the form) and the button {@code button}.
   */
  HttpResponse<String> submitForm(
      String page, String form, String button, java.util.Map<String, String> fields)
      throws IOException, InterruptedException {
    HttpResponse<String> shown = get(page);
    Matcher viewState = VIEW_STATE.matcher(shown.body());
    if (!viewState.find()) {
      throw new AssertionError(page + " has no Faces view state: " + shown.statusCode());
    }
    StringBuilder body = new StringBuilder(form + "=" + form);
    fields.forEach(
        (name, value) ->
            body.append('&')
                .append(URLEncoder.encode(form + ":" + name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    body.append('&').append(URLEncoder.encode(form + ":" + button, StandardCharsets.UTF_8));
    body.append("=&jakarta.faces.ViewState=")
        .append(URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8))
        .append(nonce(shown.body()));
    return post(page, "application/x-www-form-urlencoded", body.toString());
  }

  /**
   * The page's PrimeFaces script nonce as the form parameter its JavaScript adds to every postback
   * (PrimeFaces' Content Security Policy refuses a postback without it).
   */
  static String nonce(String page) {
    Matcher nonce = NONCE.matcher(page);
    return nonce.find()
        ? "&primefaces.nonce=" + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8)
        : "";
  }

  /** POST of a JSON body authenticated with {@code authorization}. */
  HttpResponse<String> postJson(String path, String authorization, String json)
      throws IOException, InterruptedException {
    return post(path, "application/json", json, "Authorization", authorization);
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
