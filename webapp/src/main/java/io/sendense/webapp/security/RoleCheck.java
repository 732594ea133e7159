package io.sendense.webapp.security;

import io.sendense.webapp.common.Refusal;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.SecurityContext;

/** Enforces {@link RequiresRole} before the method (and before its transaction) starts. */
@RequiresRole
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RoleCheck {
  @Inject SecurityContext security;
  @Inject AuditTrail audit;

  @AroundInvoke
  public Object check(InvocationContext invocation) throws Exception {
    RequiresRole rule = invocation.getMethod().getAnnotation(RequiresRole.class);
    if (rule == null) {
      rule = invocation.getMethod().getDeclaringClass().getAnnotation(RequiresRole.class);
    }
    if (rule != null && !SystemCaller.active() && !security.isCallerInRole(rule.value())) {
      String refusal = "Only users with the " + rule.value() + " role may " + rule.action();
      java.security.Principal caller = security.getCallerPrincipal();
      audit.record(
          caller == null ? null : caller.getName(),
          "access.denied",
          invocation.getMethod().getDeclaringClass().getSimpleName()
              + "."
              + invocation.getMethod().getName(),
          AuditTrail.DENIED,
          null,
          refusal);
      throw new Refusal(403, refusal);
    }
    return invocation.proceed();
  }
}
