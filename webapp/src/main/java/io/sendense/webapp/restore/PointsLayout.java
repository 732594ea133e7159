package io.sendense.webapp.restore;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * How the Restore page shows a VM's points: as the timeline by day (the default: type, size and
 * verification of each point at a glance, the way an admin looks for "last night's point") or as
 * the sortable table. The user's last choice holds for the rest of the session; keeping it across
 * sessions would need a column of the account.
 */
@SessionScoped
public class PointsLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private boolean table;

  public boolean isTimeline() {
    return !table;
  }

  public void setTimeline(boolean timeline) {
    table = !timeline;
  }
}
