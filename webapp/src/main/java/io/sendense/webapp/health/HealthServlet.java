package io.sendense.webapp.health;

import io.sendense.webapp.security.Roles;
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
 * {@code /health} in MicroProfile Health's JSON format, open to monitoring without login: it says
 * only UP or DOWN (and 503 when down) to anyone, and the checks with their data to signed-in admins
 * (their names and data describe the installation). The hub runs at the root context, where it
 * would shadow a server's own {@code /health}; serving the same checks here also makes the endpoint
 * work on any Jakarta EE server.
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
    JsonObjectBuilder answer = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN");
    if (request.isUserInRole(Roles.ADMIN)) {
      answer.add("checks", results);
    }
    response.getWriter().write(answer.build().toString());
  }
}
