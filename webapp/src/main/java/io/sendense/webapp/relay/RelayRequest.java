package io.sendense.webapp.relay;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One read the hub asks a node to make in a repository placed on it ({@link NodeRelay}): {@link
 * #STAT} or {@link #LIST} a name, or {@link #READ} {@code length} bytes of a file at {@code
 * position}. The node answers it with {@code POST /node/v1/relay/{id}}.
 */
public record RelayRequest(
    String id, long nodeId, long repositoryId, String op, String name, long position, int length) {
  public static final String STAT = "STAT";
  public static final String LIST = "LIST";
  public static final String READ = "READ";

  /** The most a read asks for, and so the largest answer body the hub takes. */
  public static final int MAX_READ = 4 << 20;

  /** What the node receives in its relay poll (the node id is the connection's). */
  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("id", id)
        .add("repositoryId", repositoryId)
        .add("op", op)
        .add("name", name)
        .add("position", position)
        .add("length", length)
        .build();
  }
}
