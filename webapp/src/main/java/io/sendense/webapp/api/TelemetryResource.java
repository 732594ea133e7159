package io.sendense.webapp.api;

import io.sendense.webapp.vm.TelemetryDto;
import io.sendense.webapp.vm.VmDetailsDto;
import io.sendense.webapp.vm.VmDetailsService;
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
  @Inject VmDetailsService vmDetails;

  @GET
  @Path("telemetry/history/{backupId: \\d+}")
  public TelemetryDto history(@PathParam("backupId") long backupId) {
    return vmDetails.telemetry(backupId);
  }

  @GET
  @Path("vm-contexts/{id: \\d+}/backups")
  public VmDetailsDto vmBackups(@PathParam("id") long id) {
    return vmDetails.details(id);
  }
}
