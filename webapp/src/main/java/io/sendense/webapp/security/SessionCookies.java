package io.sendense.webapp.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Marks the session cookie {@code Secure} on every answer when {@code sendense.http.secure-cookies}
 * is true: behind a proxy that ends TLS the hub itself sees plain HTTP and would otherwise send the
 * cookie without it. (On the hub's own TLS listener the container marks it by itself.)
 */
@WebListener
public class SessionCookies implements ServletContextListener {
  @Override
  public void contextInitialized(ServletContextEvent event) {
    boolean secure =
        ConfigProvider.getConfig()
            .getOptionalValue("sendense.http.secure-cookies", Boolean.class)
            .orElse(false);
    if (secure) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
