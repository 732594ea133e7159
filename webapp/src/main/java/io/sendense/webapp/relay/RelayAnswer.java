package io.sendense.webapp.relay;

import jakarta.json.JsonObject;

/**
 * A node's answer to a {@link RelayRequest}: the bytes of a read, or the JSON of a stat or list
 * ({@code entry}, {@code entries}), or of a failure ({@code error}, and {@code missing} when the
 * name does not exist).
 */
public record RelayAnswer(JsonObject json, byte[] data) {

  public static RelayAnswer ofJson(JsonObject json) {
    return new RelayAnswer(json, null);
  }

  public static RelayAnswer ofData(byte[] data) {
    return new RelayAnswer(null, data);
  }

  /** The node's message when it could not do what was asked, else null. */
  String error() {
    return json == null || !json.containsKey("error") ? null : json.getString("error");
  }
}
