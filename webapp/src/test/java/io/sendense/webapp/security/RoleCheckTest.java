package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.webapp.common.Refusal;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleCheckTest {

  /** A service as the hub has them: one admin action, one operator action. */
  static class Service {
    @RequiresRole(value = Roles.ADMIN, action = "add sources")
    public String create() {
      return "created";
    }

    @RequiresRole(value = Roles.OPERATOR, action = "discover sources")
    public String discover() {
      return "discovered";
    }
  }

  @Test
  void callerWithoutTheRoleIsRefusedBeforeTheMethodRuns() throws Exception {
    Refusal refused =
        assertThrows(Refusal.class, () -> call("create", Roles.effective(Set.of(Roles.OPERATOR))));
    assertEquals(403, refused.status());
    assertEquals("Only users with the admin role may add sources", refused.getMessage());
    assertEquals(
        List.of(
            "someone access.denied Service.create DENIED Only users with the admin role may add"
                + " sources"),
        AUDITED);
  }

  @Test
  void impliedRolesCount() throws Exception {
    assertEquals("discovered", call("discover", Roles.effective(Set.of(Roles.ADMIN))));
    assertEquals("created", call("create", Roles.effective(Set.of(Roles.ADMIN))));
  }

  @Test
  void theHubsOwnWorkPassesOnlyInsideSystemCaller() throws Exception {
    assertEquals("created", SystemCaller.run(() -> uncheckedCall("create", Set.of())));
    assertThrows(Refusal.class, () -> call("create", Set.of()));
  }

  private static Object uncheckedCall(String method, Set<String> roles) {
    try {
      return call(method, roles);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the check recorded in the audit log, one line per entry. */
  private static final List<String> AUDITED = new java.util.concurrent.CopyOnWriteArrayList<>();

  @org.junit.jupiter.api.BeforeEach
  void forgetAudit() {
    AUDITED.clear();
  }

  private static Object call(String method, Set<String> roles) throws Exception {
    RoleCheck check = new RoleCheck();
    check.security = new Caller(roles);
    check.audit =
        (user, action, target, outcome, remote, d) ->
            AUDITED.add(String.join(" ", user, action, target, outcome, d));
    return check.check(new Invocation(Service.class.getMethod(method)));
  }

  private record Caller(Set<String> roles) implements SecurityContext {
    @Override
    public Principal getCallerPrincipal() {
      return () -> "someone";
    }

    @Override
    public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
      return Set.of();
    }

    @Override
    public boolean isCallerInRole(String role) {
      return roles.contains(role);
    }

    @Override
    public boolean hasAccessToWebResource(String resource, String... methods) {
      return false;
    }

    @Override
    public AuthenticationStatus authenticate(
        HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationParameters parameters) {
      throw new UnsupportedOperationException();
    }
  }

  private record Invocation(Method method) implements InvocationContext {
    @Override
    public Object getTarget() {
      return new Service();
    }

    @Override
    public Object getTimer() {
      return null;
    }

    @Override
    public Method getMethod() {
      return method;
    }

    @Override
    public Constructor<?> getConstructor() {
      return null;
    }

    @Override
    public Object[] getParameters() {
      return new Object[0];
    }

    @Override
    public void setParameters(Object[] params) {}

    @Override
    public Map<String, Object> getContextData() {
      return Map.of();
    }

    @Override
    public Object proceed() throws Exception {
      return method.invoke(getTarget());
    }
  }
}
