package io.sendense.plugins.vmware;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Options for the simulator {@link VcsimExtension} starts for a test method or class. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface VcsimOptions {

  /** Serve QueryChangedDiskAreas (test extension); false gives stock vcsim 0.24 behaviour. */
  boolean cbt() default true;

  /** Privileges the simulator reports as not granted. */
  String[] denyPrivileges() default {};

  /** Make every snapshot removal fail (TaskInProgress), to see leftovers reported. */
  boolean failRemoveSnapshot() default false;

  /** Capacity of each VM disk in MiB. */
  int diskMb() default 64;
}
