package io.sendense.webapp.api;

import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.vmrestore.ResolvedTarget;
import io.sendense.webapp.vmrestore.VmRestoreActions;
import io.sendense.webapp.vmrestore.VmRestoreDto;
import io.sendense.webapp.vmrestore.VmRestoreQuery;
import io.sendense.webapp.vmrestore.VmRestoreRequest;
import io.sendense.webapp.vmrestore.VmRestoreService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/restore/vms}: whole-VM restore into a source from a restore point. A restore is
 * queued (202 with its id and status) and runs as the {@code restore-vm} batch job; its status,
 * progress and the new VM are read back here. Operators and admins only; audited.
 */
@Path("/restore/vms")
@Produces(MediaType.APPLICATION_JSON)
public class RestoreVmResource {
  @Inject VmRestoreActions actions;
  @Inject VmRestoreService restores;

  @Context SecurityContext security;
  @Context HttpServletRequest http;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(JsonObject body) {
    VmRestoreDto dto = actions.start(request(body), caller());
    return Response.accepted(dto).location(URI.create("restore/vms/" + dto.id())).build();
  }

  /** Resolves and checks the target (names, networks, free space) without creating anything. */
  @POST
  @Path("/check")
  @Consumes(MediaType.APPLICATION_JSON)
  public ResolvedTarget check(JsonObject body) {
    return actions.check(request(body), caller());
  }

  @GET
  public List<VmRestoreDto> list(
      @QueryParam("status") String status,
      @QueryParam("vm_name") String vmName,
      @QueryParam("vm_id") Long vmId,
      @QueryParam("limit") Integer limit) {
    Access.require(security, Roles.VIEWER, "list VM restores");
    return restores.list(
        new VmRestoreQuery(
            VmRestoreQuery.status(status), vmName, vmId, null, null, limit == null ? 200 : limit));
  }

  @GET
  @Path("/{id}")
  public VmRestoreDto get(@PathParam("id") long id) {
    Access.require(security, Roles.VIEWER, "see VM restores");
    return restores.get(id);
  }

  @POST
  @Path("/{id}/cancel")
  public VmRestoreDto cancel(@PathParam("id") long id) {
    return actions.cancel(id, caller());
  }

  @POST
  @Path("/{id}/restart")
  public Response restart(@PathParam("id") long id) {
    return Response.accepted(actions.restart(id, caller())).build();
  }

  /** The VM configuration recorded with a restore point. */
  @GET
  @Path("/configuration/{backupId}")
  public VmConfiguration configuration(@PathParam("backupId") long backupId) {
    Access.require(security, Roles.VIEWER, "see recorded VM configurations");
    return restores.recorded(backupId);
  }

  private Caller caller() {
    return new Caller(Access.user(security), http.getRemoteAddr());
  }

  static VmRestoreRequest request(JsonObject body) {
    if (body == null) {
      throw new Refusal(400, "Give at least backupId, the restore point to restore");
    }
    return new VmRestoreRequest(
        number(body, "backupId"),
        number(body, "sourceId"),
        text(body, "name"),
        text(body, "datacenter"),
        text(body, "folder"),
        text(body, "cluster"),
        text(body, "host"),
        first(text(body, "resourcePool"), text(body, "pool")),
        text(body, "datastore"),
        networkMap(body),
        text(body, "diskProvisioning"),
        bool(body, "powerOn"),
        bool(body, "replaceOriginal"),
        text(body, "confirmName"));
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static Long number(JsonObject body, String name) {
    JsonValue v = body.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER) {
      throw new Refusal(400, name + " must be a number");
    }
    return body.getJsonNumber(name).longValue();
  }

  private static String text(JsonObject body, String name) {
    JsonValue v = body.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw new Refusal(400, name + " must be a string");
    }
    return s.getString();
  }

  private static boolean bool(JsonObject body, String name) {
    JsonValue v = body.get(name);
    if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
      return false;
    }
    if (v == JsonValue.TRUE) {
      return true;
    }
    throw new Refusal(400, name + " must be true or false");
  }

  private static Map<String, String> networkMap(JsonObject body) {
    JsonValue v = body.get("networkMap");
    if (v == null || v == JsonValue.NULL) {
      return Map.of();
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new Refusal(400, "networkMap must map recorded network names to target network names");
    }
    Map<String, String> map = new LinkedHashMap<>();
    v.asJsonObject()
        .forEach(
            (from, to) -> {
              if (!(to instanceof JsonString s) || s.getString().isBlank()) {
                throw new Refusal(400, "networkMap['" + from + "'] must name a network");
              }
              map.put(from, s.getString());
            });
    return map;
  }
}
