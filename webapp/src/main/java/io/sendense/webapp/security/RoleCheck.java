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

  @AroundInvoke
  public Object check(InvocationContext invocation) throws Exception {
    RequiresRole rule = invocation.getMethod().getAnnotation(RequiresRole.class);
    if (rule == null) {
      rule = invocation.getMethod().getDeclaringClass().getAnnotation(RequiresRole.class);
    }
    if (rule != null && !SystemCaller.active() && !security.isCallerInRole(rule.value())) {
      throw new Refusal(403, "Only users with the " + rule.value() + " role may " + rule.action());
    }
    return invocation.proceed();
  }
}
