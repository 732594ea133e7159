package io.sendense.webapp.source;

import java.util.Map;

/**
 * What a user submits to add or change a source: a name, the plugin type (default {@code vmware})
 * and the plugin's form fields. A blank secret keeps the stored value.
 */
public record SourceRequest(String name, String type, Map<String, String> config) {}
