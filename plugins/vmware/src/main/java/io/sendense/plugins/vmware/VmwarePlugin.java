package io.sendense.plugins.vmware;

import org.pf4j.Plugin;

/**
 * The PF4J plugin class named in the jar manifest (from the pom). The plugin keeps no state of its
 * own: its single extension, {@link VmwareSourceType}, opens independent sessions per source.
 */
public class VmwarePlugin extends Plugin {}
