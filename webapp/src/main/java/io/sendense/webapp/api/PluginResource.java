package io.sendense.webapp.api;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.plugin.PluginInfo;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Plugins and the extension types they offer. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {
  @Inject PluginHost host;
  @Inject AuditService audit;

  @Context SecurityContext security;
  @Context HttpServletRequest request;

  @GET
  @Path("plugins")
  public List<PluginInfo> plugins() {
    return host.plugins();
  }

  /** Loads plugin files added to the folder since the last load, without a restart. */
  @POST
  @Path("plugins/reload")
  public List<PluginInfo> reload() {
    String user = Access.user(security);
    List<PluginInfo> result = host.reload();
    audit.record(user, "plugins.reload", null, AuditService.SUCCESS, request.getRemoteAddr(), null);
    return result;
  }

  @POST
  @Path("plugins/{id}/{action: disable|enable|unload}")
  public List<PluginInfo> change(@PathParam("id") String id, @PathParam("action") String action) {
    String user = Access.user(security);
    switch (action) {
      case "disable" -> host.disable(id);
      case "enable" -> host.enable(id);
      default -> host.unload(id);
    }
    audit.record(user, "plugin." + action, id, AuditService.SUCCESS, request.getRemoteAddr(), null);
    return host.plugins();
  }

  /** Storage types with their configuration forms, so clients render forms generically. */
  @GET
  @Path("repository-types")
  public List<TypeInfo> repositoryTypes() {
    return host.storageTypes().stream().map(TypeInfo::of).toList();
  }

  /** One extension type (storage or source) with its configuration form, as clients see it. */
  public record TypeInfo(String type, String name, String description, List<ConfigField> fields) {
    static TypeInfo of(ConfigurableExtension t) {
      return new TypeInfo(t.typeId(), t.displayName(), t.description(), t.configForm().fields());
    }
  }
}
