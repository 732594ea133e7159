/**
 * The stand-alone {@code sendense-image} tool: a {@link io.sendense.image.cli.Command} per
 * sub-command, dispatched by {@link io.sendense.image.cli.Main}.
 */
package io.sendense.image.cli;
