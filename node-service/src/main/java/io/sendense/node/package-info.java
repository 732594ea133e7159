/**
 * Stand-alone data mover (Java SE + JBeret SE) that runs the batch jobs near the hypervisor and
 * reports to the hub over HTTPS.
 */
package io.sendense.node;
