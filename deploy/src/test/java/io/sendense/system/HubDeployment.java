package io.sendense.system;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real hub WAR, exactly as the launcher deploys it. */
final class HubDeployment {
  private HubDeployment() {}

  static WebArchive war() {
    File war = new File(System.getProperty("sendense.home"), "sendense.war");
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }
}
