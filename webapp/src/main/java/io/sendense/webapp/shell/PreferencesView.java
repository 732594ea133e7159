package io.sendense.webapp.shell;

import io.sendense.webapp.common.Refusal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** The signed-in user's own preferences: the time zone pages show times in. */
@Named
@RequestScoped
public class PreferencesView {
  private static final List<String> ZONES =
      ZoneId.getAvailableZoneIds().stream()
          .filter(z -> z.contains("/") || z.equals("UTC"))
          .sorted()
          .toList();

  @Inject UserZone userZone;
  @Inject FacesContext faces;
  @Inject Clock clock;

  private String zone;

  @PostConstruct
  void init() {
    zone = userZone.getPreference();
  }

  public void save() {
    try {
      userZone.choose(zone);
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_INFO,
              "Times are now shown in " + userZone.zone().getId(),
              null));
    } catch (Refusal refused) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
    }
  }

  /** Now, to show how times read in the chosen zone. */
  public java.time.Instant getNow() {
    return clock.instant();
  }

  /** Every zone a user may choose, by IANA name. */
  public List<String> getZones() {
    return ZONES;
  }

  /** What "follow the browser" means right now, for the first choice's label. */
  public String getBrowserLabel() {
    String browser = userZone.getBrowser();
    return browser == null
        ? "The hub's zone (" + ZoneId.systemDefault().getId() + ")"
        : "My browser's zone (" + browser + ")";
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
  }
}
