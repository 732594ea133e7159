package io.sendense.webapp.api;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.node.NodeDto;
import io.sendense.webapp.node.NodeService;
import io.sendense.webapp.node.PairingTokenDto;
import io.sendense.webapp.source.SourceDto;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/v1/nodes}: pairing tokens, the nodes, rename/drain ({@code PUT}), revoke ({@code
 * DELETE}); and {@code PUT /api/v1/sources/{id}/node} to place a source's backups on a node (a
 * repository's: {@code RepositoryResource}). The service checks roles (changes need admin).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NodeResource {
  @Inject NodeService nodes;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  @Path("nodes")
  public List<NodeDto> list() {
    return nodes.list();
  }

  @GET
  @Path("nodes/{id: \\d+}")
  public NodeDto get(@PathParam("id") long id) {
    return nodes.get(id);
  }

  @POST
  @Path("nodes/pairing-tokens")
  public Response createToken() {
    String user = Access.user(security);
    PairingTokenDto token = nodes.createToken(user, request.getServerName());
    audited(user, "node.pairing-token", "expires " + token.expiresAt());
    return Response.status(201).entity(token).build();
  }

  /**
   * Changes the name ({@code name}), drain state ({@code draining}) and/or job limit ({@code
   * jobLimit}, a number or null for the hub's default).
   */
  @PUT
  @Path("nodes/{id: \\d+}")
  public NodeDto update(@PathParam("id") long id, JsonObject body) {
    String user = Access.user(security);
    if (body == null) {
      throw new BadRequestException(
          "Send {\"name\": ...}, {\"draining\": true|false} and/or {\"jobLimit\": n|null}");
    }
    NodeDto node = nodes.get(id);
    if (body.containsKey("name")) {
      node = nodes.rename(id, body.getString("name"));
      audited(user, "node.rename", node.name());
    }
    if (body.containsKey("draining")) {
      node = nodes.drain(id, body.getBoolean("draining"));
      audited(user, node.draining() ? "node.drain" : "node.undrain", node.name());
    }
    if (body.containsKey("jobLimit")) {
      JsonValue value = body.get("jobLimit");
      if (value != JsonValue.NULL && !(value instanceof JsonNumber n && n.isIntegral())) {
        throw new BadRequestException("jobLimit must be a whole number or null");
      }
      Integer limit =
          value instanceof JsonNumber n ? (int) Math.max(-1, Math.min(1000, n.longValue())) : null;
      node = nodes.limitJobs(id, limit);
      audited(
          user,
          "node.job-limit",
          node.name() + " -> " + node.jobLimit() + (node.jobLimitDefault() ? " (default)" : ""));
    }
    return node;
  }

  @DELETE
  @Path("nodes/{id: \\d+}")
  public Response revoke(@PathParam("id") long id) {
    String user = Access.user(security);
    NodeDto node = nodes.revoke(id);
    audited(user, "node.revoke", node.name());
    return Response.noContent().build();
  }

  /** {@code {"nodeId": 3}} runs the source's backups on node 3; {@code null} on the hub. */
  @PUT
  @Path("sources/{id: \\d+}/node")
  public SourceDto place(@PathParam("id") long sourceId, JsonObject body) {
    String user = Access.user(security);
    Long nodeId = nodeId(body);
    SourceDto source = nodes.place(sourceId, nodeId);
    audited(
        user, "source.node", source.name() + " -> " + (nodeId == null ? "hub" : source.nodeName()));
    return source;
  }

  /** The body's {@code nodeId}: a node's id, or null (400 for anything else). */
  static Long nodeId(JsonObject body) {
    JsonValue value = body == null ? null : body.get("nodeId");
    Long nodeId = value instanceof JsonNumber n ? n.longValueExact() : null;
    if (value != null && nodeId == null && value != JsonValue.NULL) {
      throw new BadRequestException("nodeId must be a node's id or null");
    }
    return nodeId;
  }

  private void audited(String user, String action, String target) {
    audit.record(user, action, target, AuditService.SUCCESS, request.getRemoteAddr(), null);
  }
}
