package io.sendense.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type or member of the plugin API that may still change incompatibly in a minor release.
 *
 * <p>Everything in {@code io.sendense.plugin.api} without this mark keeps source and binary
 * compatibility within a major version. Plugins that use an unstable element should be rebuilt
 * against each new Sendense release. The {@link #value()} says what is expected to change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.TYPE,
  ElementType.METHOD,
  ElementType.CONSTRUCTOR,
  ElementType.FIELD,
  ElementType.PACKAGE
})
public @interface Unstable {
  /** What is expected to change, for plugin authors deciding whether to depend on it. */
  String value() default "";
}
