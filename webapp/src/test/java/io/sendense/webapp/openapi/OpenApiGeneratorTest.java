package io.sendense.webapp.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.api.ApiApplication;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated document against the compiled resource classes, found on disk by reflection. */
class OpenApiGeneratorTest {
  /** Every class of the API package as compiled (not a hand-made list that could miss one). */
  static List<Class<?>> apiClasses() throws Exception {
    java.nio.file.Path root =
        Paths.get(ApiApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/sendense/webapp/api"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        classes.add(Class.forName(name, false, OpenApiGeneratorTest.class.getClassLoader()));
      }
    }
    return classes;
  }

  @Test
  void everyResourceMethodIsAnOperationOfTheDocument() throws Exception {
    List<Class<?>> classes = apiClasses();
    JsonObject doc = OpenApiGenerator.document(ApiApplication.class, classes, "test");
    JsonObject paths = doc.getJsonObject("paths");
    int methods = 0;
    List<String> missing = new ArrayList<>();
    for (Class<?> c : classes) {
      if (!c.isAnnotationPresent(Path.class)) {
        continue;
      }
      for (Method m : c.getMethods()) {
        String verb = OpenApiGenerator.verb(m);
        if (verb == null) {
          continue;
        }
        methods++;
        String path = OpenApiGenerator.path("api/v1", c, m);
        JsonObject item = paths.getJsonObject(path);
        if (item == null || !item.containsKey(verb.toLowerCase())) {
          missing.add(verb + " " + path + " (" + c.getSimpleName() + "." + m.getName() + ")");
        }
      }
    }
    assertEquals(List.of(), missing);
    int operations = paths.values().stream().mapToInt(v -> v.asJsonObject().size()).sum();
    assertEquals(methods, operations, "no two resource methods share a path and verb");
    assertTrue(methods > 100, "the API has its resources: " + methods);
  }

  @Test
  void operationsCarryParametersBodiesAndSchemas() throws Exception {
    JsonObject doc = OpenApiGenerator.document(ApiApplication.class, apiClasses(), "test");
    JsonObject test =
        doc.getJsonObject("paths")
            .getJsonObject("/api/v1/notifications/channels/{id}/test")
            .getJsonObject("post");
    JsonObject id = test.getJsonArray("parameters").getJsonObject(0);
    assertEquals("id", id.getString("name"));
    assertEquals("path", id.getString("in"));
    assertEquals("int64", id.getJsonObject("schema").getString("format"));
    JsonObject create =
        doc.getJsonObject("paths")
            .getJsonObject("/api/v1/notifications/channels")
            .getJsonObject("post");
    assertEquals(
        "#/components/schemas/ChannelRequest",
        create
            .getJsonObject("requestBody")
            .getJsonObject("content")
            .getJsonObject("application/json")
            .getJsonObject("schema")
            .getString("$ref"));
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    JsonObject dto = schemas.getJsonObject("ChannelDto").getJsonObject("properties");
    assertTrue(dto.containsKey("secretSet"));
    assertFalse(dto.containsKey("secret"), "a channel as returned has no secret");
    assertEquals(
        "integer",
        doc.getJsonObject("paths")
            .getJsonObject("/api/v1/notifications/deliveries")
            .getJsonObject("get")
            .getJsonArray("parameters")
            .getJsonObject(1)
            .getJsonObject("schema")
            .getString("type"));
    assertEquals("3.0.3", doc.getString("openapi"));
  }
}
