package io.sendense.webapp.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A report as a PDF a manager can read: a title, a few summary lines and one table with a header
 * row repeated on every page (A4 landscape, Helvetica). Plain OpenPDF, no container.
 */
public final class ReportPdf {
  private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
  private static final Font TEXT = new Font(Font.HELVETICA, 10);
  private static final Font HEAD = new Font(Font.HELVETICA, 9, Font.BOLD, Color.WHITE);
  private static final Font CELL = new Font(Font.HELVETICA, 9);
  private static final Color HEAD_BACKGROUND = new Color(0x33, 0x4e, 0x68);

  private ReportPdf() {}

  /** A table of text cells; {@code widths} are relative column widths. */
  public record Table(List<String> headers, float[] widths, List<List<String>> rows) {}

  public static byte[] render(String title, List<String> summary, Table table) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle(title);
      doc.addCreator("Sendense");
      doc.open();
      doc.add(new Paragraph(title, TITLE));
      for (String line : summary) {
        doc.add(new Paragraph(line, TEXT));
      }
      doc.add(new Paragraph(" ", TEXT));
      doc.add(table(table));
    } catch (DocumentException e) {
      throw new IllegalStateException("The PDF of " + title + " could not be made", e);
    } finally {
      doc.close();
    }
    return out.toByteArray();
  }

  private static PdfPTable table(Table t) {
    PdfPTable table = new PdfPTable(t.widths());
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    for (String h : t.headers()) {
      PdfPCell cell = new PdfPCell(new Phrase(h, HEAD));
      cell.setBackgroundColor(HEAD_BACKGROUND);
      cell.setPadding(4);
      table.addCell(cell);
    }
    if (t.rows().isEmpty()) {
      PdfPCell none = new PdfPCell(new Phrase("No rows.", CELL));
      none.setColspan(t.headers().size());
      none.setHorizontalAlignment(Element.ALIGN_CENTER);
      table.addCell(none);
    }
    for (List<String> row : t.rows()) {
      for (String value : row) {
        PdfPCell cell = new PdfPCell(new Phrase(value == null ? "-" : value, CELL));
        cell.setPadding(3);
        table.addCell(cell);
      }
    }
    return table;
  }
}
