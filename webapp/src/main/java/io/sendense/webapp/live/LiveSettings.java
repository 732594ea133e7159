package io.sendense.webapp.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a page keeps itself up to date without the user touching it ({@code
 * sendense.ui.idle-minutes}, by default the session timeout of web.xml): after that its pushes and
 * fallback polls stop, so an idle session expires as it would without live updates.
 */
@ApplicationScoped
@Named("liveSettings")
public class LiveSettings {
  @Inject
  @ConfigProperty(name = "sendense.ui.idle-minutes", defaultValue = "60")
  int idleMinutes;

  /** The idle limit in milliseconds, as the page's script takes it (at least one minute). */
  public long getIdleMillis() {
    return Math.max(1, idleMinutes) * 60_000L;
  }
}
