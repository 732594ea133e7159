package io.sendense.plugins.repolocal;

import org.pf4j.Plugin;

/**
 * PF4J entry point of the local-folder repository plugin. It holds no state: the storage type is
 * found as an extension ({@link LocalStorageType}) and everything else happens per repository.
 */
public class LocalRepositoryPlugin extends Plugin {}
