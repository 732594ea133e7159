package io.sendense.webapp.shell;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Feedback for page actions, shown by the page's growl. */
public final class Messages {
  private Messages() {}

  public static void info(String summary, String detail) {
    add(FacesMessage.SEVERITY_INFO, summary, detail);
  }

  public static void error(String summary, String detail) {
    add(FacesMessage.SEVERITY_ERROR, summary, detail);
  }

  private static void add(FacesMessage.Severity severity, String summary, String detail) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
  }
}
