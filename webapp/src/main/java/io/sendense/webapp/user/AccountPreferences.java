package io.sendense.webapp.user;

import io.sendense.webapp.shell.UserPreferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The page frame's per-user theme and time zone, kept in the user record. */
@ApplicationScoped
public class AccountPreferences implements UserPreferences {
  @Inject AccountService accounts;

  @Override
  public Optional<String> theme(String username) {
    return accounts.account(username).map(Account::theme);
  }

  @Override
  public Optional<String> timeZone(String username) {
    return accounts.account(username).map(Account::timeZone);
  }

  @Override
  public void setTheme(String username, String theme) {
    accounts.setTheme(username, theme);
  }

  @Override
  public void setTimeZone(String username, String zone) {
    accounts.setTimeZone(username, zone);
  }
}
