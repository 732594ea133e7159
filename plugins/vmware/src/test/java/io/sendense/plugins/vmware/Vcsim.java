package io.sendense.plugins.vmware;

import io.sendense.plugin.api.Configuration;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A running vcsim test simulator, as {@link VcsimExtension} hands it to a test.
 *
 * @param url the SOAP endpoint, https://127.0.0.1:port/sdk
 * @param thumbprint SHA-256 of its certificate, lower-case hex
 * @param datastores local folder of each datastore, by name
 */
record Vcsim(URI url, String thumbprint, Map<String, Path> datastores) {

  static final String USER = "admin";
  static final String PASSWORD = "secret";

  String host() {
    return url.getHost();
  }

  int port() {
    return url.getPort();
  }

  /** Plugin configuration pinned to this simulator's certificate. */
  Configuration configuration() {
    Map<String, String> values = new HashMap<>();
    values.put("host", host());
    values.put("port", Integer.toString(port()));
    values.put("username", USER);
    values.put("password", PASSWORD);
    values.put("certificateMode", "pinned");
    values.put("thumbprint", thumbprint);
    return Configuration.of(values);
  }

  VmwareSettings settings() {
    return VmwareSettings.from(configuration());
  }

  /** The local data file of a datastore path such as "[LocalDS_0] vm/disk1.vmdk". */
  Path localFile(String datastorePath) {
    DatastorePath p = DatastorePath.parse(datastorePath).flatFile();
    return datastores.get(p.datastore()).resolve(p.path());
  }
}
