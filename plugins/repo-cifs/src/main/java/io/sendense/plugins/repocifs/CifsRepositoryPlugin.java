package io.sendense.plugins.repocifs;

import org.pf4j.Plugin;

/**
 * PF4J entry point of the SMB/CIFS repository plugin. It holds no state: the storage type is found
 * as an extension ({@link CifsStorageType}); connections belong to each opened repository.
 */
public class CifsRepositoryPlugin extends Plugin {}
