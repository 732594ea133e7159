/**
 * Built-in VMware vSphere source plugin (yavijava): connection, inventory, snapshots, changed block
 * tracking and disk reads.
 */
package io.sendense.plugins.vmware;
