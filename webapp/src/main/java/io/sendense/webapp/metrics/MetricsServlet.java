package io.sendense.webapp.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics} in the Prometheus text format. Needs HTTP Basic or a bearer token like the
 * API (the authentication mechanism checks them), unless an admin made the metrics public.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient HubMetrics metrics;
  @Inject transient MetricsAccess access;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getUserPrincipal() == null && !access.isPublic()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Sendense\"");
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              "{\"error\":\"unauthorized\",\"message\":\"Authentication required: use HTTP Basic"
                  + " or a bearer token (or make the metrics public in the settings)\"}");
      return;
    }
    String text = metrics.scrape();
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(text);
  }
}
