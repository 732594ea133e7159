package io.sendense.plugins.vmware;

import java.io.IOException;
import java.io.InputStream;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses what a vCenter answers without trusting it: no DOCTYPE at all (so neither external nor
 * internal entities, nor a DTD fetched from anywhere), no external entities, no external DTD. SOAP
 * never needs a DOCTYPE, so a response that has one is refused rather than parsed with entities
 * ignored: an answer like that is an attack or a wrong endpoint.
 */
final class SafeXml {
  private SafeXml() {}

  /**
   * Reads a whole response.
   *
   * @throws DocumentException if it is not well-formed XML or declares a DOCTYPE
   */
  static Document read(InputStream in) throws DocumentException {
    try {
      return reader().read(in);
    } catch (SAXException e) {
      throw new DocumentException("The XML parser refused the secure settings: " + e, e);
    }
  }

  private static SAXReader reader() throws SAXException {
    SAXReader reader = new SAXReader();
    reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    reader.setFeature("http://xml.org/sax/features/external-general-entities", false);
    reader.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    reader.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    reader.setValidation(false);
    reader.setEntityResolver(SafeXml::refuseEntity);
    return reader;
  }

  /** Never reached while DOCTYPEs are refused; here so that no future setting can fetch one. */
  private static InputSource refuseEntity(String publicId, String systemId) throws IOException {
    throw new IOException("External entity " + systemId + " refused");
  }
}
