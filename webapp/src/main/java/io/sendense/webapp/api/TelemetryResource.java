package io.sendense.webapp.api;

import io.sendense.webapp.machine.MachineDto;
import io.sendense.webapp.machine.MachineService;
import io.sendense.webapp.machine.TelemetryDto;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Transfer history of a backup and the backup history of a VM; any role reads them. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryResource {
  @Inject MachineService machines;

  @GET
  @Path("telemetry/history/{backupId: \\d+}")
  public TelemetryDto history(@PathParam("backupId") long backupId) {
    return machines.telemetry(backupId);
  }

  @GET
  @Path("vm-contexts/{id: \\d+}/backups")
  public MachineDto machine(@PathParam("id") long id) {
    return machines.details(id);
  }
}
