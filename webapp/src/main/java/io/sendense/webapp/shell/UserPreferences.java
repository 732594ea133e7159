package io.sendense.webapp.shell;

import java.util.Optional;

/**
 * What the page frame keeps per user: the theme and the time zone pages show times in. The user
 * accounts answer it ({@code io.sendense.webapp.user.AccountPreferences}); the interface keeps the
 * frame, which every page uses, from depending on the user feature, whose pages use the frame.
 */
public interface UserPreferences {
  /**
   * The user's theme ({@code light} or {@code dark}), empty when none is stored or no such user.
   */
  Optional<String> theme(String username);

  /** The zone the user chose, empty when they follow the browser or there is no such user. */
  Optional<String> timeZone(String username);

  void setTheme(String username, String theme);

  /** Remembers the zone (null: follow the browser); an unknown zone is refused by name (400). */
  void setTimeZone(String username, String zone);
}
