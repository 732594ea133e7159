package io.sendense.webapp.openapi;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3 document of the REST API from the JAX-RS resource classes themselves: every
 * resource method becomes an operation with its path and query parameters, request body and answer
 * schema ({@link Schemas}). Plain reflection on the standard annotations, so the same document
 * comes out on every Jakarta EE server.
 */
public final class OpenApiGenerator {
  private OpenApiGenerator() {}

  /** The document for these classes (those without {@code @Path} are ignored). */
  public static JsonObject document(Class<?> application, List<Class<?>> classes, String version) {
    String base = application.getAnnotation(ApplicationPath.class).value();
    Schemas schemas = new Schemas();
    Map<String, Map<String, JsonObject>> paths = new TreeMap<>();
    classes.stream()
        .filter(c -> c.isAnnotationPresent(Path.class) && !Modifier.isAbstract(c.getModifiers()))
        .sorted(Comparator.comparing(Class::getName))
        .forEach(
            c -> {
              for (Method m : sorted(c)) {
                String verb = verb(m);
                if (verb != null) {
                  paths
                      .computeIfAbsent(path(base, c, m), p -> new TreeMap<>())
                      .put(verb.toLowerCase(Locale.ROOT), operation(c, m, verb, schemas));
                }
              }
            });
    JsonObjectBuilder pathsJson = Json.createObjectBuilder();
    paths.forEach(
        (p, ops) -> {
          JsonObjectBuilder item = Json.createObjectBuilder();
          ops.forEach(item::add);
          pathsJson.add(p, item);
        });
    return Json.createObjectBuilder()
        .add("openapi", "3.0.3")
        .add(
            "info",
            Json.createObjectBuilder()
                .add("title", "Sendense hub API")
                .add("version", version)
                .add(
                    "description",
                    "The hub's REST API. Every call needs HTTP Basic or a bearer token (API"
                        + " tokens: Account > API tokens); POST and PUT take JSON"
                        + " (Content-Type: application/json)."))
        .add("servers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", "/")))
        .add(
            "security",
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("basic", Json.createArrayBuilder()))
                .add(Json.createObjectBuilder().add("bearer", Json.createArrayBuilder())))
        .add("paths", pathsJson)
        .add(
            "components",
            Json.createObjectBuilder()
                .add("schemas", schemas.components())
                .add(
                    "securitySchemes",
                    Json.createObjectBuilder()
                        .add(
                            "basic",
                            Json.createObjectBuilder().add("type", "http").add("scheme", "basic"))
                        .add(
                            "bearer",
                            Json.createObjectBuilder()
                                .add("type", "http")
                                .add("scheme", "bearer"))))
        .build();
  }

  private static List<Method> sorted(Class<?> c) {
    return Arrays.stream(c.getMethods())
        .sorted(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString))
        .toList();
  }

  /** The HTTP method of a resource method, or null if it is none. */
  public static String verb(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  /** The full template path of a resource method, path parameters' regular expressions dropped. */
  public static String path(String base, Class<?> c, Method m) {
    String p = "/" + base + "/" + c.getAnnotation(Path.class).value();
    Path sub = m.getAnnotation(Path.class);
    if (sub != null) {
      p += "/" + sub.value();
    }
    p = p.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static JsonObject operation(Class<?> c, Method m, String verb, Schemas schemas) {
    JsonObjectBuilder op =
        Json.createObjectBuilder()
            .add("operationId", c.getSimpleName() + "_" + m.getName())
            .add("tags", Json.createArrayBuilder().add(tag(c)));
    JsonArrayBuilder params = Json.createArrayBuilder();
    JsonObject body = null;
    for (Parameter p : m.getParameters()) {
      if (p.isAnnotationPresent(Context.class)) {
        continue;
      }
      JsonObject param = parameter(p, schemas);
      if (param != null) {
        params.add(param);
      } else if (!"GET".equals(verb) && !"DELETE".equals(verb)) {
        body =
            Json.createObjectBuilder()
                .add(
                    "content",
                    Json.createObjectBuilder()
                        .add(
                            media(m, c, Consumes.class),
                            Json.createObjectBuilder()
                                .add("schema", schemas.of(p.getParameterizedType()))))
                .build();
      }
    }
    op.add("parameters", params);
    if (body != null) {
      op.add("requestBody", body);
    }
    op.add("responses", responses(c, m, verb, schemas));
    return op.build();
  }

  private static JsonObject parameter(Parameter p, Schemas schemas) {
    String in;
    String name;
    if (p.isAnnotationPresent(PathParam.class)) {
      in = "path";
      name = p.getAnnotation(PathParam.class).value();
    } else if (p.isAnnotationPresent(QueryParam.class)) {
      in = "query";
      name = p.getAnnotation(QueryParam.class).value();
    } else if (p.isAnnotationPresent(HeaderParam.class)) {
      in = "header";
      name = p.getAnnotation(HeaderParam.class).value();
    } else {
      return null;
    }
    JsonObjectBuilder schema = Json.createObjectBuilder(schemas.of(p.getParameterizedType()));
    DefaultValue dv = p.getAnnotation(DefaultValue.class);
    if (dv != null) {
      schema.add("default", dv.value());
    }
    return Json.createObjectBuilder()
        .add("name", name)
        .add("in", in)
        .add("required", in.equals("path"))
        .add("schema", schema)
        .build();
  }

  private static JsonObject responses(Class<?> c, Method m, String verb, Schemas schemas) {
    Class<?> type = m.getReturnType();
    JsonObjectBuilder r = Json.createObjectBuilder();
    if (type == void.class) {
      r.add("204", Json.createObjectBuilder().add("description", "Done"));
    } else if (type == jakarta.ws.rs.core.Response.class
        || jakarta.ws.rs.core.StreamingOutput.class.isAssignableFrom(type)) {
      r.add(
          "default",
          Json.createObjectBuilder()
              .add(
                  "description",
                  "See docs/ for this call's answers (" + media(m, c, Produces.class) + ")"));
    } else {
      r.add(
          "200",
          Json.createObjectBuilder()
              .add("description", "OK")
              .add(
                  "content",
                  Json.createObjectBuilder()
                      .add(
                          media(m, c, Produces.class),
                          Json.createObjectBuilder()
                              .add("schema", schemas.of(m.getGenericReturnType())))));
    }
    r.add(
        "4XX",
        Json.createObjectBuilder()
            .add(
                "description",
                "Refused: {error, message} says what to fix (401 without credentials, 403 without the role)"));
    return r.build();
  }

  private static String media(Method m, Class<?> c, Class<? extends Annotation> kind) {
    Annotation a = m.getAnnotation(kind) != null ? m.getAnnotation(kind) : c.getAnnotation(kind);
    String[] values =
        a == null ? new String[0] : a instanceof Produces p ? p.value() : ((Consumes) a).value();
    return values.length == 0 ? "application/json" : values[0];
  }

  private static String tag(Class<?> c) {
    return c.getSimpleName().replaceAll("Resource$", "");
  }
}
