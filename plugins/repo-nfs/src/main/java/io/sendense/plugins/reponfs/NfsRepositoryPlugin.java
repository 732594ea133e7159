package io.sendense.plugins.reponfs;

import org.pf4j.Plugin;

/**
 * PF4J entry point of the NFS repository plugin. It holds no state: the storage type is found as an
 * extension ({@link NfsStorageType}); each opened repository has its own NFS client.
 */
public class NfsRepositoryPlugin extends Plugin {}
