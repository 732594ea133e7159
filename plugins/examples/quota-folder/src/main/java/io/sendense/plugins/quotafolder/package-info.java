/**
 * Example repository storage type, written the way a third party would: a sub-folder of a folder on
 * the hub with a quota on the bytes stored in it. Not shipped with the hub.
 */
package io.sendense.plugins.quotafolder;
