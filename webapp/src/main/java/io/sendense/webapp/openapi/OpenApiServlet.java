package io.sendense.webapp.openapi;

import io.sendense.webapp.api.ApiApplication;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /openapi}: the OpenAPI 3 document (JSON) of {@code /api/v1}, generated once from the
 * resource classes of the WAR (found through the servlet context, so on any server). Behind login:
 * a page session (Swagger UI) or HTTP Basic / a bearer token.
 */
@WebServlet(urlPatterns = "/openapi")
public class OpenApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(OpenApiServlet.class.getName());
  static final String API_PACKAGE = "/WEB-INF/classes/io/sendense/webapp/api/";

  private transient volatile String document;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String json = document;
    if (json == null) {
      json = generate(getServletContext());
      document = json;
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json);
  }

  private static String generate(ServletContext context) {
    List<Class<?>> classes = new ArrayList<>();
    collect(context, API_PACKAGE, classes);
    return OpenApiGenerator.document(ApiApplication.class, classes, version(context)).toString();
  }

  private static void collect(ServletContext context, String folder, List<Class<?>> into) {
    Set<String> entries = context.getResourcePaths(folder);
    if (entries == null) {
      return;
    }
    for (String entry : entries) {
      if (entry.endsWith("/")) {
        collect(context, entry, into);
      } else if (entry.endsWith(".class")) {
        String name =
            entry.substring("/WEB-INF/classes/".length(), entry.length() - 6).replace('/', '.');
        try {
          into.add(Class.forName(name, false, OpenApiServlet.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          LOG.log(Level.WARNING, "OpenAPI: cannot load " + name + "; left out", e);
        }
      }
    }
  }

  private static String version(ServletContext context) {
    try (InputStream in =
        context.getResourceAsStream("/META-INF/maven/io.sendense/sendense-webapp/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "v1");
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "No WAR version for the OpenAPI document", e);
    }
    return "v1";
  }
}
