package io.sendense.webapp.shell;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zone pages show times in for the signed-in user: the one they chose (kept in their user
 * record), else the one their browser reported at login, else the hub's own.
 */
@Named
@SessionScoped
public class UserZone implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient UserPreferences preferences;
  @Inject transient SecurityContext security;

  private String browser;
  private String preference;
  private boolean loaded;

  /** The zone to show times in. */
  public ZoneId zone() {
    return parse(getPreference()).or(() -> parse(browser)).orElse(ZoneId.systemDefault());
  }

  /** The zone the browser reported, kept when it is a zone Java knows; null otherwise. */
  public void setBrowser(String zone) {
    browser = parse(zone).map(ZoneId::getId).orElse(null);
  }

  public String getBrowser() {
    return browser;
  }

  /** The zone the user chose, or null to follow the browser. */
  public String getPreference() {
    if (!loaded && security.getCallerPrincipal() != null) {
      preference = preferences.timeZone(security.getCallerPrincipal().getName()).orElse(null);
      loaded = true;
    }
    return preference;
  }

  /** Remembers the user's choice (null or blank: follow the browser) in their user record. */
  public void choose(String zone) {
    String chosen = zone == null || zone.isBlank() ? null : zone;
    preferences.setTimeZone(security.getCallerPrincipal().getName(), chosen);
    preference = chosen;
    loaded = true;
  }

  static Optional<ZoneId> parse(String zone) {
    if (zone == null || zone.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(zone));
    } catch (DateTimeException unknown) {
      return Optional.empty();
    }
  }
}
