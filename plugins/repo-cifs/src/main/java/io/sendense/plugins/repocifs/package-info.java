/** Built-in repository storage type that keeps restore points on an SMB2/3 share (smbj). */
package io.sendense.plugins.repocifs;
