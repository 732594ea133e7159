package io.sendense.webapp.security;

import io.sendense.webapp.audit.AuditService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * One authentication mechanism for the whole hub: pages use a form login kept in the HTTP session;
 * {@code /api/*} takes HTTP Basic or a bearer token on every call and answers 401 with JSON instead
 * of redirecting. Failed logins are throttled and audited.
 */
@ApplicationScoped
public class HubAuthenticationMechanism implements HttpAuthenticationMechanism {
  static final String SESSION_USER = "sendense.user";
  static final String SESSION_GROUPS = "sendense.groups";
  public static final String LOGIN_ERROR = "sendense.loginError";

  private final LoginThrottle throttle =
      new LoginThrottle(5, Duration.ofMinutes(5), Clock.systemUTC());

  @Inject IdentityStoreHandler identityStores;
  @Inject AuditService audit;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential password) {
      return formLogin(password, request, context);
    }
    if (isApi(request)) {
      return api(request, response, context);
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_USER) != null) {
      @SuppressWarnings("unchecked")
      Set<String> groups = (Set<String>) session.getAttribute(SESSION_GROUPS);
      return context.notifyContainerAboutLogin((String) session.getAttribute(SESSION_USER), groups);
    }
    if (!context.isProtected()) {
      return context.doNothing();
    }
    return context.redirect(request.getContextPath() + "/login.xhtml");
  }

  private AuthenticationStatus formLogin(
      UsernamePasswordCredential credential, HttpServletRequest request, HttpMessageContext ctx) {
    CredentialValidationResult result = check(credential, request);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    request.getSession(true);
    request.changeSessionId();
    HttpSession session = request.getSession();
    session.setAttribute(SESSION_USER, result.getCallerPrincipal().getName());
    session.setAttribute(SESSION_GROUPS, Set.copyOf(result.getCallerGroups()));
    return ctx.notifyContainerAboutLogin(result);
  }

  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    Credential credential = parseAuthorization(header);
    if (credential == null) {
      return context.isProtected()
          ? unauthorized(response, "Authentication required: use HTTP Basic or a bearer token")
          : context.doNothing();
    }
    CredentialValidationResult result = check(credential, request);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      Object reason = request.getAttribute(LOGIN_ERROR);
      return unauthorized(response, reason != null ? reason.toString() : "Invalid credentials");
    }
    return context.notifyContainerAboutLogin(result);
  }

  /** Validates with throttling and auditing; sets {@link #LOGIN_ERROR} on failure. */
  private CredentialValidationResult check(Credential credential, HttpServletRequest request) {
    String user =
        credential instanceof UsernamePasswordCredential p ? p.getCaller() : "(api token)";
    String address = request.getRemoteAddr();
    Duration wait = throttle.retryAfter(user, address);
    if (!wait.isZero() && !wait.isNegative()) {
      String message =
          "Too many failed logins: try again in " + Math.max(1, wait.toSeconds()) + " s";
      request.setAttribute(LOGIN_ERROR, message);
      audit.record(user, "login", null, AuditService.DENIED, address, "throttled");
      return CredentialValidationResult.INVALID_RESULT;
    }
    CredentialValidationResult result = identityStores.validate(credential);
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      throttle.succeeded(user, address);
      if (credential instanceof UsernamePasswordCredential && !isApi(request)) {
        audit.record(user, "login", null, AuditService.SUCCESS, address, null);
      }
    } else {
      throttle.failed(user, address);
      request.setAttribute(LOGIN_ERROR, "Wrong user name or password");
      audit.record(user, "login", null, AuditService.FAILURE, address, null);
    }
    return result;
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

  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  private static AuthenticationStatus unauthorized(HttpServletResponse response, String message) {
    try {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"Sendense\"");
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
