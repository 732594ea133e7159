package io.sendense.webapp.metrics;

import io.sendense.persistence.settings.SettingStore;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Whether {@code /metrics} answers without credentials. Off unless an admin opens it (the catalog
 * setting {@code metrics.public}), because repository and flow names are in the metrics.
 */
@ApplicationScoped
@Transactional
public class MetricsAccess {
  static final String SETTING = "metrics.public";

  @Inject SettingStore settings;

  public boolean isPublic() {
    return settings.get(SETTING).map(Boolean::parseBoolean).orElse(false);
  }

  @RequiresRole(value = Roles.ADMIN, action = "change who may read the metrics")
  public boolean setPublic(boolean open) {
    settings.put(SETTING, Boolean.toString(open));
    return open;
  }
}
