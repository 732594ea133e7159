package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ZipNamesTest {
  @Test
  void namesThatCouldEscapeOrConfuseAnExtractorAreNeutralised() {
    assertEquals(".._.._windows", ZipNames.clean("..\\..\\windows"));
    assertEquals("C__boot.ini", ZipNames.clean("C:\\boot.ini"));
    assertEquals("a_b", ZipNames.clean("a/b"));
    assertEquals("_..", ZipNames.clean(".."));
    assertEquals("_.", ZipNames.clean("."));
    assertEquals("_", ZipNames.clean(""));
    assertEquals("bell_tab_", ZipNames.clean("bell\u0007tab\t"));
    assertEquals("ünïcødé 文件.txt", ZipNames.clean("ünïcødé 文件.txt"));
    ZipNames names = new ZipNames();
    String folder = names.unique("", "..", true);
    assertEquals("_../", folder);
    assertFalse(names.unique(folder, "..\\x", false).contains(".." + "\\"));
  }

  @Test
  void duplicatesGetANumberBeforeTheExtensionIgnoringCase() {
    ZipNames names = new ZipNames();
    assertEquals("report.txt", names.unique("", "report.txt", false));
    assertEquals("report (2).txt", names.unique("", "report.txt", false));
    assertEquals("REPORT (3).TXT", names.unique("", "REPORT.TXT", false));
    assertEquals("docs/", names.unique("", "docs", true));
    assertEquals("docs (2)/", names.unique("", "docs", true));
    assertEquals("docs/report.txt", names.unique("docs/", "report.txt", false));
    assertEquals(".bashrc", names.unique("", ".bashrc", false));
    assertEquals(".bashrc (2)", names.unique("", ".bashrc", false));
    assertEquals("a.b (2)/", uniqueTwice(new ZipNames(), "a.b"));
    assertEquals("RESTORE-ERRORS (2).txt", reserveAfterGuestFile());
  }

  private static String uniqueTwice(ZipNames names, String folder) {
    names.unique("", folder, true);
    return names.unique("", folder, true);
  }

  private static String reserveAfterGuestFile() {
    ZipNames names = new ZipNames();
    names.unique("", "restore-errors.TXT", false);
    return names.reserve("RESTORE-ERRORS.txt");
  }
}
