package io.sendense.webapp.schedule;

/** A cron expression that cannot be used; the message names the field and what is wrong. */
public class CronException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CronException(String message) {
    super(message);
  }
}
