package io.sendense.webapp.openapi;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JSON schemas of the API's Java types, as JSON-B writes them: records become objects with their
 * components (named in {@code components/schemas}; a generic one is written out in place),
 * collections arrays, maps objects, enums strings with their values, times strings.
 */
final class Schemas {
  private final Map<String, JsonObject> named = new TreeMap<>();
  private final Map<Class<?>, String> names = new HashMap<>();

  JsonObject components() {
    JsonObjectBuilder all = Json.createObjectBuilder();
    named.forEach(all::add);
    return all.build();
  }

  JsonObject of(Type type) {
    return of(type, Map.of());
  }

  private JsonObject of(Type type, Map<String, Type> bound) {
    if (type instanceof TypeVariable<?> v) {
      return of(bound.getOrDefault(v.getName(), Object.class), Map.of());
    }
    if (type instanceof WildcardType w) {
      return of(w.getUpperBounds()[0], bound);
    }
    if (type instanceof GenericArrayType g) {
      return array(of(g.getGenericComponentType(), bound));
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return array(of(args[0], bound));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Json.createObjectBuilder()
            .add("type", "object")
            .add("additionalProperties", of(args[1], bound))
            .build();
      }
      if (raw == Optional.class) {
        return of(args[0], bound);
      }
      if (raw.isRecord()) {
        Map<String, Type> inner = new HashMap<>();
        TypeVariable<?>[] vars = raw.getTypeParameters();
        for (int i = 0; i < vars.length; i++) {
          inner.put(vars[i].getName(), resolve(args[i], bound));
        }
        return record(raw, inner);
      }
      return of(raw, bound);
    }
    return simple((Class<?>) type);
  }

  private static Type resolve(Type t, Map<String, Type> bound) {
    return t instanceof TypeVariable<?> v ? bound.getOrDefault(v.getName(), Object.class) : t;
  }

  private JsonObject simple(Class<?> c) {
    if (c == String.class || c == char.class || c == Character.class) {
      return type("string");
    }
    if (c == boolean.class || c == Boolean.class) {
      return type("boolean");
    }
    if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
      return Json.createObjectBuilder().add("type", "integer").add("format", "int32").build();
    }
    if (c == long.class || c == Long.class) {
      return Json.createObjectBuilder().add("type", "integer").add("format", "int64").build();
    }
    if (c == double.class
        || c == Double.class
        || c == float.class
        || c == Float.class
        || Number.class.isAssignableFrom(c)) {
      return type("number");
    }
    if (c == Instant.class || c == OffsetDateTime.class) {
      return Json.createObjectBuilder().add("type", "string").add("format", "date-time").build();
    }
    if (c == LocalDate.class) {
      return Json.createObjectBuilder().add("type", "string").add("format", "date").build();
    }
    if (c.isEnum()) {
      JsonArrayBuilder values = Json.createArrayBuilder();
      for (Object e : c.getEnumConstants()) {
        values.add(((Enum<?>) e).name());
      }
      return Json.createObjectBuilder().add("type", "string").add("enum", values).build();
    }
    if (c.isArray()) {
      return c == byte[].class
          ? Json.createObjectBuilder().add("type", "string").add("format", "byte").build()
          : array(of(c.getComponentType()));
    }
    if (c.isRecord() && c.getTypeParameters().length == 0) {
      return ref(c);
    }
    if (Collection.class.isAssignableFrom(c)) {
      return array(type("object"));
    }
    return type("object");
  }

  private JsonObject ref(Class<?> c) {
    String name = names.get(c);
    if (name == null) {
      name = uniqueName(c);
      names.put(c, name);
      named.put(name, type("object")); // a placeholder while the record refers to itself
      named.put(name, record(c, Map.of()));
    }
    return Json.createObjectBuilder().add("$ref", "#/components/schemas/" + name).build();
  }

  private String uniqueName(Class<?> c) {
    String name =
        c.getEnclosingClass() == null
            ? c.getSimpleName()
            : c.getEnclosingClass().getSimpleName() + c.getSimpleName();
    String unique = name;
    for (int i = 2; named.containsKey(unique); i++) {
      unique = name + i;
    }
    return unique;
  }

  private JsonObject record(Class<?> c, Map<String, Type> bound) {
    JsonObjectBuilder properties = Json.createObjectBuilder();
    for (RecordComponent rc : c.getRecordComponents()) {
      properties.add(rc.getName(), of(rc.getGenericType(), bound));
    }
    return Json.createObjectBuilder().add("type", "object").add("properties", properties).build();
  }

  private static JsonObject array(JsonObject items) {
    return Json.createObjectBuilder().add("type", "array").add("items", items).build();
  }

  private static JsonObject type(String t) {
    return Json.createObjectBuilder().add("type", t).build();
  }
}
