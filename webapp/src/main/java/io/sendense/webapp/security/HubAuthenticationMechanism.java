package io.sendense.webapp.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One authentication mechanism for the whole hub. Pages use a form login kept in the HTTP session,
 * re-checked on every request (disabled user, changed password, absolute lifetime end it; roles are
 * the current ones). The API ({@code /api/*}, decided by the servlet path the container mapped,
 * never the raw URI) and {@code /metrics} take HTTP Basic or a bearer token on every call, never
 * the session cookie, and answer 401 with JSON instead of redirecting; so does {@code /openapi}
 * when a program calls it with credentials.
 */
@ApplicationScoped
public class HubAuthenticationMechanism implements HttpAuthenticationMechanism {
  public static final String LOGIN_ERROR = "sendense.loginError";

  @Inject Authentication authentication;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential password) {
      return formLogin(password, request, context);
    }
    if (isApi(request) || isOpenApiWithCredentials(request)) {
      return api(request, response, context);
    }
    Optional<UserState> user = sessionUser(request);
    if (user.isPresent()) {
      return context.notifyContainerAboutLogin(user.get().username(), user.get().roles());
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    return context.redirect(request.getContextPath() + "/login.xhtml");
  }

  /** The user of this request's page session, if it still stands; an ended session is dropped. */
  private Optional<UserState> sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(SessionGrant.ATTRIBUTE) instanceof SessionGrant grant)) {
      return Optional.empty();
    }
    Optional<UserState> user = authentication.session(grant);
    if (user.isEmpty()) {
      session.invalidate();
    }
    return user;
  }

  private AuthenticationStatus formLogin(
      UsernamePasswordCredential credential, HttpServletRequest request, HttpMessageContext ctx) {
    Authentication.Outcome outcome =
        authentication.password(
            credential.getCaller(),
            credential.getPassword().getValue(),
            request.getRemoteAddr(),
            true);
    if (!outcome.ok()) {
      request.setAttribute(LOGIN_ERROR, outcome.error());
      return AuthenticationStatus.SEND_FAILURE;
    }
    request.getSession(true);
    request.changeSessionId();
    UserState user = outcome.user();
    request
        .getSession()
        .setAttribute(SessionGrant.ATTRIBUTE, authentication.grant(user.username()));
    return ctx.notifyContainerAboutLogin(user.username(), user.roles());
  }

  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = parseAuthorization(request.getHeader("Authorization"));
    if (credential == null) {
      return context.isProtected()
          ? unauthorized(response, "Authentication required: use HTTP Basic or a bearer token")
          : context.doNothing();
    }
    Authentication.Outcome outcome =
        credential instanceof UsernamePasswordCredential p
            ? authentication.password(
                p.getCaller(), p.getPassword().getValue(), request.getRemoteAddr(), false)
            : authentication.token(
                ((BearerTokenCredential) credential).token(), request.getRemoteAddr());
    if (!outcome.ok()) {
      return unauthorized(response, outcome.error());
    }
    return context.notifyContainerAboutLogin(outcome.user().username(), outcome.user().roles());
  }

  static Credential parseAuthorization(String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new BearerTokenCredential(header.substring(7).strip());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new UsernamePasswordCredential(
              decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    return null;
  }

  /**
   * Whether the container mapped this request to the API. The servlet path is decoded and has no
   * path parameters, so {@code /api;x/v1/...} or {@code /%61pi/v1/...} count as API too.
   */
  static boolean isApi(HttpServletRequest request) {
    String path = request.getServletPath();
    return path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics");
  }

  /** {@code /openapi} called by a program: Basic or a token, as the API (browsers: the session). */
  static boolean isOpenApiWithCredentials(HttpServletRequest request) {
    return request.getServletPath().equals("/openapi")
        && request.getHeader("Authorization") != null;
  }

  private static AuthenticationStatus unauthorized(HttpServletResponse response, String message) {
    try {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      // Bearer only: a Basic challenge would make browsers offer their own login dialog.
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Sendense\"");
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write("{\"error\":\"unauthorized\",\"message\":\"" + Json.escape(message) + "\"}");
    } catch (IOException e) {
      // The client went away; the status is what matters.
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
