package io.sendense.webapp.openapi;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code /api-docs}: Swagger UI (the {@code org.webjars:swagger-ui} files in the WAR) over {@code
 * /openapi}, behind the page login. Scripts are files, none inline, so the hub's Content Security
 * Policy holds. "Try it out" needs "Authorize" with a user's password or an API token, as the API
 * never takes the page session.
 */
@WebServlet(urlPatterns = "/api-docs")
public class SwaggerUiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String VERSION = webjarVersion();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String ui = request.getContextPath() + "/webjars/swagger-ui/" + VERSION + "/";
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sendense API</title>"
                + "<link rel=\"stylesheet\" href=\""
                + ui
                + "swagger-ui.css\"></head><body>"
                + "<div id=\"swagger-ui\" data-spec=\""
                + request.getContextPath()
                + "/openapi\">"
                + "</div><script src=\""
                + ui
                + "swagger-ui-bundle.js\"></script>"
                + "<script src=\""
                + request.getContextPath()
                + "/api-docs.js\"></script>"
                + "</body></html>");
  }

  private static String webjarVersion() {
    try (InputStream in =
        SwaggerUiServlet.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
