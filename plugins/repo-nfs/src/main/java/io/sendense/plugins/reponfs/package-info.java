/**
 * Built-in repository storage type that keeps restore points on an NFS export, reached from Java.
 */
package io.sendense.plugins.reponfs;
