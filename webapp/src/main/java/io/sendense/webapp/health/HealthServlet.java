package io.sendense.webapp.health;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code /health} in MicroProfile Health's JSON format, open to monitoring without login. The hub
 * runs at the root context, where it would shadow a server's own {@code /health}; serving the same
 * checks here also makes the endpoint work on any Jakarta EE server.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject @Any transient Instance<HealthCheck> checks;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean up = true;
    JsonArrayBuilder results = Json.createArrayBuilder();
    for (HealthCheck check : checks) {
      HealthCheckResponse result = check.call();
      up &= result.getStatus() == HealthCheckResponse.Status.UP;
      JsonObjectBuilder entry =
          Json.createObjectBuilder()
              .add("name", result.getName())
              .add("status", result.getStatus().name());
      result
          .getData()
          .ifPresent(
              data -> {
                JsonObjectBuilder d = Json.createObjectBuilder();
                data.forEach((k, v) -> d.add(k, String.valueOf(v)));
                entry.add("data", d);
              });
      results.add(entry);
    }
    response.setStatus(up ? 200 : 503);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", results)
                .build()
                .toString());
  }
}
