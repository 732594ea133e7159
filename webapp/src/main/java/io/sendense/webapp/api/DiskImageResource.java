package io.sendense.webapp.api;

import io.sendense.webapp.restore.DiskExports;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/backups/{id}/disks/{index}/image?format=raw|qcow2}: whole-disk restore of one
 * disk of a restore point (operators and admins).
 */
@Path("/backups/{id}/disks/{index}/image")
public class DiskImageResource {
  @Inject DiskExports exports;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public Response image(
      @PathParam("id") long id,
      @PathParam("index") int index,
      @QueryParam("format") String format) {
    String user = Access.require(security, Roles.OPERATOR, "restore disks");
    return RestoreResource.send(
        exports.export(id, index, format, new Caller(user, request.getRemoteAddr())));
  }
}
