package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorBodyTest {
  @Test
  void quotesControlCharactersAndBackslashesAreEscaped() {
    assertEquals(
        "{\"error\":\"bad\",\"message\":\"say \\\"hi\\\"\\\\ \\n\\t\\u0001\"}",
        ErrorBody.of("bad", "say \"hi\"\\ \n\t\u0001"));
  }
}
