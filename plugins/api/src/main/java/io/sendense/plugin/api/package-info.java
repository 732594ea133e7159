/**
 * The only contract plugins see: extension points for hypervisor sources and repository storage types, and the immutable value types they exchange with the hub.
 */
package io.sendense.plugin.api;
