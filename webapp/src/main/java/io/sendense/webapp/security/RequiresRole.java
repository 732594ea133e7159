package io.sendense.webapp.security;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a service method needs. Services own role checks, so pages and the API cannot
 * drift apart: {@link RoleCheck} refuses a caller without the role (HTTP 403 in the API, an error
 * message on a page) before the method runs. Background work of the hub itself runs through {@link
 * SystemCaller}.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {
  /** One of {@link Roles}; admins and operators have the roles below theirs too. */
  @Nonbinding
  String value() default Roles.ADMIN;

  /** What the method does, for the refusal: "Only users with the admin role may {action}". */
  @Nonbinding
  String action() default "do this";
}
