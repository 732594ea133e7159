package io.sendense.webapp.shell;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;

/** The signed-in user's light or dark theme, remembered in their user record. */
@Named
@SessionScoped
public class ThemeView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient UserPreferences preferences;
  @Inject transient SecurityContext security;

  private String theme;

  public String getTheme() {
    if (theme == null) {
      theme =
          security.getCallerPrincipal() == null
              ? "light"
              : preferences.theme(security.getCallerPrincipal().getName()).orElse("light");
    }
    return theme;
  }

  public boolean isDark() {
    return "dark".equals(getTheme());
  }

  /** Switches theme and redirects to the same page, so a reload does not switch it back. */
  public String toggle() {
    theme = isDark() ? "light" : "dark";
    if (security.getCallerPrincipal() != null) {
      preferences.setTheme(security.getCallerPrincipal().getName(), theme);
    }
    return FacesContext.getCurrentInstance().getViewRoot().getViewId() + "?faces-redirect=true";
  }
}
