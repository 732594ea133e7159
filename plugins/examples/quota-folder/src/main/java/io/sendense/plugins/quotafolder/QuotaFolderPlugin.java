package io.sendense.plugins.quotafolder;

import org.pf4j.Plugin;

/** PF4J entry point of the example plugin; all the work is in {@link QuotaFolderStorageType}. */
public class QuotaFolderPlugin extends Plugin {}
