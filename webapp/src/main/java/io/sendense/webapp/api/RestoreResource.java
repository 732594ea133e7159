package io.sendense.webapp.api;

import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.restore.Download;
import io.sendense.webapp.restore.FileSearch;
import io.sendense.webapp.restore.GuestFiles;
import io.sendense.webapp.restore.MountDto;
import io.sendense.webapp.restore.RestoreDownloads;
import io.sendense.webapp.restore.RestoreSession;
import io.sendense.webapp.restore.RestoreSessions;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/v1/restore}: file-level restore. A mount (restore session) opens one disk of a
 * restore point; its partitions are browsed and files, folders (as ZIP) or selections downloaded.
 * Operators and admins only: restored files are the guest's data.
 */
@Path("/restore")
@Produces(MediaType.APPLICATION_JSON)
public class RestoreResource {
  @Inject RestoreSessions sessions;
  @Inject RestoreDownloads downloads;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @POST
  @Path("/mounts")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response mount(JsonValue json) {
    String user = user();
    if (!(json instanceof JsonObject body)) {
      throw new Refusal(400, "The body must be a JSON object with backupId and diskIndex");
    }
    long backupId = number(body, "backupId", "backup_id", null);
    int diskIndex = (int) number(body, "diskIndex", "disk_index", 0L);
    RestoreSession session = sessions.open(backupId, diskIndex, user);
    return Response.created(URI.create("restore/mounts/" + session.id()))
        .entity(dto(session))
        .build();
  }

  @GET
  @Path("/mounts")
  public List<MountDto> mounts() {
    return sessions.of(user()).stream().map(this::dto).toList();
  }

  @GET
  @Path("/mounts/{id}")
  public MountDto get(@PathParam("id") String id) {
    return dto(sessions.get(id, user()));
  }

  @DELETE
  @Path("/mounts/{id}")
  public Response unmount(@PathParam("id") String id) {
    sessions.close(id, user());
    return Response.noContent().build();
  }

  /**
   * A folder's entries, folders first: {@code limit} (default and at most {@value Page#MAX_LIMIT})
   * from {@code offset}; {@code X-Total-Count} says how many the folder has.
   */
  @GET
  @Path("/mounts/{id}/files")
  public Response files(
      @PathParam("id") String id,
      @QueryParam("partition") String partition,
      @QueryParam("path") String path,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    RestoreSession session = sessions.get(id, user());
    return Paged.of(
        GuestFiles.page(
            GuestFiles.fileSystem(session, partition),
            GuestFiles.path(path),
            Page.offset(offset),
            Page.limit(limit, Page.MAX_LIMIT)));
  }

  /**
   * Entries under folder {@code path} of the partition whose name contains {@code name}, ignoring
   * case: at most {@code limit} (default 100, at most 1000), and whether the walk stopped early.
   */
  @GET
  @Path("/mounts/{id}/search")
  public FileSearch.Result search(
      @PathParam("id") String id,
      @QueryParam("partition") String partition,
      @QueryParam("name") String name,
      @QueryParam("path") String path,
      @QueryParam("limit") Integer limit) {
    RestoreSession session = sessions.get(id, user());
    return sessions.search(session, partition, name, path, limit);
  }

  @GET
  @Path("/mounts/{id}/download")
  @Produces(MediaType.WILDCARD)
  public Response download(
      @PathParam("id") String id,
      @QueryParam("partition") String partition,
      @QueryParam("path") String path,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange) {
    String user = user();
    RestoreSession session = sessions.get(id, user);
    return send(downloads.entry(session, partition, path, range, ifRange, caller(user)));
  }

  /** What {@code POST .../download} takes: one partition and the paths to put in one ZIP. */
  public record Selection(String partition, List<String> paths) {}

  @POST
  @Path("/mounts/{id}/download")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.WILDCARD)
  public Response downloadSelection(@PathParam("id") String id, Selection body) {
    String user = user();
    RestoreSession session = sessions.get(id, user);
    if (body == null) {
      throw new Refusal(400, "Give partition and paths");
    }
    return send(downloads.selection(session, body.partition(), body.paths(), caller(user)));
  }

  /** A prepared download as a streamed JAX-RS response. */
  static Response send(Download download) {
    Response.ResponseBuilder response =
        Response.status(download.status())
            .type(download.contentType())
            .entity((StreamingOutput) out -> download.body().writeTo(out));
    if (download.length() >= 0) {
      response.header("Content-Length", download.length());
    }
    download.headers().forEach(response::header);
    return response.build();
  }

  private MountDto dto(RestoreSession s) {
    return new MountDto(
        s.id(),
        s.target().backupId(),
        s.target().vmName(),
        s.target().pointTime(),
        s.target().diskIndex(),
        s.openedAt(),
        sessions.expiresAt(s),
        GuestFiles.partitions(s),
        s.disk().warnings());
  }

  private String user() {
    return Access.require(security, Roles.OPERATOR, "restore files");
  }

  private Caller caller(String user) {
    return new Caller(user, request.getRemoteAddr());
  }

  private static long number(JsonObject body, String name, String alias, Long fallback) {
    JsonValue value = body.containsKey(name) ? body.get(name) : body.get(alias);
    if (value == null || value == JsonValue.NULL) {
      if (fallback == null) {
        throw new Refusal(400, name + " is required");
      }
      return fallback;
    }
    try {
      if (value instanceof JsonNumber n) {
        return n.longValueExact();
      }
      if (value instanceof JsonString s) {
        return Long.parseLong(s.getString().strip());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // falls through to the refusal below
    }
    throw new Refusal(400, name + " must be a whole number, not " + value);
  }
}
