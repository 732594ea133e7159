/**
 * Ports through which batch jobs reach the world outside the data path: the catalog, telemetry, the
 * hypervisor source and the repository folder. The hub implements them with JPA and its plugin
 * host, the node over the hub's REST API; jobs get them by CDI injection.
 */
package io.sendense.batch.port;
