package io.sendense.webapp.plugin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Settings > Plugins: every plugin file with its state, extensions and error. */
@Named
@RequestScoped
public class PluginListView {
  @Inject PluginHost host;
  private List<PluginInfo> rows;

  public List<PluginInfo> getRows() {
    if (rows == null) {
      rows = host.plugins();
    }
    return rows;
  }

  public void reload() {
    rows = host.reload();
    long failed = rows.stream().filter(p -> "FAILED".equals(p.state())).count();
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                failed == 0 ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN,
                "Plugins reloaded",
                rows.size() + " plugin(s), " + failed + " failed"));
  }

  public void disable(String id) {
    host.disable(id);
    rows = null;
  }

  public void enable(String id) {
    host.enable(id);
    rows = null;
  }
}
