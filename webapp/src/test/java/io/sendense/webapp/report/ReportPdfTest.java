package io.sendense.webapp.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPdfTest {
  private static String text(byte[] pdf) throws Exception {
    PdfReader reader = new PdfReader(pdf);
    try {
      StringBuilder all = new StringBuilder();
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        all.append(extractor.getTextFromPage(page)).append('\n');
      }
      return all.toString();
    } finally {
      reader.close();
    }
  }

  @Test
  void titleSummaryAndEveryRowAreInTheText() throws Exception {
    byte[] pdf =
        ReportPdf.render(
            "Sendense protection report",
            List.of("SLA over 7 days: 28.6 %"),
            new ReportPdf.Table(
                List.of("VM", "Status"),
                new float[] {3, 1},
                List.of(List.of("DC0_H0_VM0", "OK"), List.of("=cmd", "LATE"))));
    assertTrue(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-"));
    String text = text(pdf);
    assertTrue(text.contains("Sendense protection report"), text);
    assertTrue(text.contains("SLA over 7 days: 28.6 %"), text);
    assertTrue(text.contains("DC0_H0_VM0"), text);
    assertTrue(text.contains("=cmd"), text);
    assertTrue(text.contains("LATE"), text);
  }

  @Test
  void aLongTableRunsOverPagesWithItsHeaderOnEach() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(List.of("vm-" + i, "OK"));
    }
    byte[] pdf =
        ReportPdf.render(
            "Many",
            List.of(),
            new ReportPdf.Table(List.of("VM", "Status"), new float[] {3, 1}, rows));
    PdfReader reader = new PdfReader(pdf);
    int pages = reader.getNumberOfPages();
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    assertTrue(pages > 1, "pages: " + pages);
    for (int page = 1; page <= pages; page++) {
      assertTrue(extractor.getTextFromPage(page).contains("Status"), "header on page " + page);
    }
    reader.close();
    String text = text(pdf);
    for (int i = 0; i < 200; i++) {
      assertTrue(text.contains("vm-" + i + " "), "vm-" + i);
    }
  }
}
