package io.sendense.webapp.security;

import jakarta.json.Json;

/**
 * The JSON error body the filters write before JAX-RS runs, in the same shape as the API's
 * exception mappers: {@code {"error":CODE,"message":TEXT}}, built with JSON-P.
 */
final class ErrorBody {
  private ErrorBody() {}

  static String of(String code, String message) {
    return Json.createObjectBuilder().add("error", code).add("message", message).build().toString();
  }
}
