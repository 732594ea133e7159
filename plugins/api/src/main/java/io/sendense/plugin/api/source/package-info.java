/**
 * Extension point for hypervisor sources (vCenter/ESXi, later others): connection test, inventory,
 * snapshots, changed block tracking and positional reads of a snapshot's disks; and, for sources
 * that offer it, restoring whole VMs ({@link io.sendense.plugin.api.source.VmRestore}) from the
 * {@link io.sendense.plugin.api.source.VmConfiguration} recorded with each snapshot.
 *
 * <p>{@link io.sendense.plugin.api.source.HypervisorSourceType} is the PF4J extension; it opens a
 * {@link io.sendense.plugin.api.source.SourceSession} per configured source. Everything exchanged
 * is an immutable value type; identifiers of hypervisor objects are opaque strings that the plugin
 * gives out and takes back (for vSphere, managed object reference values).
 */
@Unstable("new in 0.1; may change while the first backup jobs are built on it")
package io.sendense.plugin.api.source;

import io.sendense.plugin.api.Unstable;
