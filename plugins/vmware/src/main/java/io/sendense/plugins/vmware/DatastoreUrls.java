package io.sendense.plugins.vmware;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs of the datastore HTTP file service: {@code /folder/{path}?dcPath=..&dsName=..}. */
final class DatastoreUrls {

  private DatastoreUrls() {}

  /**
   * @param baseUrl "https://host:port"
   * @param datacenterPath inventory path of the datacenter ("DC0")
   */
  static URL of(String baseUrl, String datacenterPath, DatastorePath file) {
    String text =
        baseUrl
            + "/folder/"
            + encodePath(file.path())
            + "?dcPath="
            + encode(datacenterPath)
            + "&dsName="
            + encode(file.datastore());
    try {
      return new URL(text);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Cannot build a datastore URL for " + file, e);
    }
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(encode(segment));
    }
    return out.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
