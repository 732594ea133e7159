package io.sendense.plugins.vmware;

import com.vmware.vim25.ws.WSClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/**
 * yavijava's SOAP client, made tolerant of servers newer than vSphere API 6.0 (and of vcsim).
 *
 * <p>Installed through {@code ClientCreator.clientClass} by {@link VmwareConnection}. Before
 * yavijava maps a response, {@link ResponsePruner} drops elements that its 6.0 object model has no
 * field, type or enum constant for; without this, login fails on {@code ServiceContent} fields
 * added in 6.5 and later. It also rewrites every XML-schema-instance type attribute as a trailing
 * {@code xsi:type}: vcsim writes it with another prefix ({@code XMLSchema-instance:type}) before
 * the reference's own {@code type} attribute, and yavijava, which looks attributes up by local
 * name, then reads every snapshot reference as type "ManagedObjectReference". Faults are passed
 * through untouched.
 */
public class TolerantWsClient extends WSClient {

  private static final Namespace XSI =
      Namespace.get("xsi", "http://www.w3.org/2001/XMLSchema-instance");
  private static final QName XSI_TYPE = QName.get("type", XSI);

  /** The constructor {@code ClientCreator} calls reflectively. */
  public TolerantWsClient(String serverUrl, boolean ignoreCert)
      throws MalformedURLException, RemoteException {
    super(serverUrl, ignoreCert);
  }

  /** The constructor {@code ClientCreator} calls reflectively with a trust manager. */
  public TolerantWsClient(String serverUrl, boolean ignoreCert, TrustManager trustManager)
      throws MalformedURLException, RemoteException {
    super(serverUrl, ignoreCert, trustManager);
  }

  /**
   * A TLS context for this client's own trust manager. yavijava's version caches the first trust
   * manager in a static field and hands it to every later client, which would check every vCenter
   * against the first one's pinned certificate.
   */
  @Override
  protected SSLSocketFactory getCustomTrustManagerSocketFactory(TrustManager trustManager)
      throws RemoteException {
    if (trustManager == null) {
      return null;
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new RemoteException("Cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Prunes, then lets yavijava map the response (see {@link PluginClassLoaderScope} for why). */
  @Override
  public Object unMarshall(String returnType, InputStream is) throws Exception {
    return PluginClassLoaderScope.call(() -> tolerantUnMarshall(returnType, is));
  }

  /**
   * Every response, also of calls without a result, is parsed by {@link SafeXml} first; yavijava
   * then only ever sees our re-serialised document, which cannot hold a DOCTYPE.
   */
  private Object tolerantUnMarshall(String returnType, InputStream is) throws Exception {
    Document document;
    try {
      document = SafeXml.read(is);
    } catch (DocumentException e) {
      throw new RemoteException(
          "The server's answer is not a SOAP response Sendense accepts (" + e.getMessage() + ")");
    }
    if (returnType != null) {
      Element body = (Element) document.getRootElement().elements().get(0);
      Element response = (Element) body.elements().get(0);
      normalizeXsiTypes(document.getRootElement());
      if (!response.getName().contains("Fault")) {
        ResponsePruner.pruneResponse(response, returnType);
      }
    }
    byte[] xml = document.asXML().getBytes(StandardCharsets.UTF_8);
    return super.unMarshall(returnType, new ByteArrayInputStream(xml));
  }

  /** Moves each xsi type attribute, whatever its prefix, behind the element's other attributes. */
  static void normalizeXsiTypes(Element element) {
    for (Object o : new ArrayList<Object>(element.attributes())) {
      Attribute attribute = (Attribute) o;
      if (XSI.getURI().equals(attribute.getNamespaceURI()) && "type".equals(attribute.getName())) {
        element.remove(attribute);
        element.addAttribute(XSI_TYPE, attribute.getValue());
      }
    }
    for (Object child : element.elements()) {
      normalizeXsiTypes((Element) child);
    }
  }
}
