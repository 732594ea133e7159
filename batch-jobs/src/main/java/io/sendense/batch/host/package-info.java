/**
 * What every host of the batch jobs (the hub and a node) shares around the ports: a plugin's
 * repository storage seen as an {@code ImageStore}, and a source session seen through the catalog's
 * VM ids.
 */
package io.sendense.batch.host;
