package io.sendense.webapp.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * A user who must choose a new password (the first admin, whose password was generated) sees only
 * the password page until they have: every other page redirects there. The API is not affected, so
 * that the password can also be changed with {@code POST /api/v1/me/password}.
 */
@WebFilter(urlPatterns = "*.xhtml", asyncSupported = true)
public class PasswordChangeFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  static final String PAGE = "/account/password.xhtml";

  @Inject transient Authentication authentication;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Principal user = request.getUserPrincipal();
    String path = request.getServletPath();
    if (user != null
        && !PAGE.equals(path)
        && !"/login.xhtml".equals(path)
        && authentication
            .current(user.getName())
            .map(UserState::passwordChangeRequired)
            .orElse(false)) {
      response.sendRedirect(request.getContextPath() + PAGE);
      return;
    }
    chain.doFilter(request, response);
  }
}
