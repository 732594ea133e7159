/** Built-in repository storage type that keeps restore points in a folder on the hub. */
package io.sendense.plugins.repolocal;
