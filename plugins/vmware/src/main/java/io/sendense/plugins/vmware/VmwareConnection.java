package io.sendense.plugins.vmware;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.util.MorUtil;
import com.vmware.vim25.ws.ClientCreator;
import com.vmware.vim25.ws.WSClient;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;

/**
 * One logged-in SOAP session to a vCenter or ESXi, with the trust manager and session cookie that
 * the datastore HTTP transport reuses. It keeps the settings, password included, only to log in
 * again when the server expired the session; {@link VmwareSettings#toString()} leaves it out.
 */
final class VmwareConnection implements AutoCloseable {

  static {
    // yavijava creates its SOAP client through this one static hook; every connection of this
    // plugin wants the tolerant client, so it is set once for the plugin's class loader.
    ClientCreator.clientClass = TolerantWsClient.class;
    // yavijava logs every SOAP request at TRACE, the Login request with the password in it, and
    // its errors with server responses: silence it whatever log4j configuration a host brings.
    // Failures reach the hub as SourceExceptions instead.
    Logger.getLogger("com.vmware").setLevel(Level.OFF);
    Logger.getLogger("org.doublecloud").setLevel(Level.OFF);
  }

  private final VmwareSettings settings;
  private final PinningTrustManager trust;
  private volatile ServiceInstance serviceInstance;

  private VmwareConnection(VmwareSettings settings, PinningTrustManager trust, ServiceInstance si) {
    this.settings = settings;
    this.trust = trust;
    this.serviceInstance = si;
  }

  /**
   * Connects and logs in.
   *
   * @param trust decides about the server certificate and remembers its thumbprint
   */
  static VmwareConnection login(VmwareSettings settings, PinningTrustManager trust)
      throws SourceException {
    return new VmwareConnection(settings, trust, connect(settings, trust));
  }

  /** Replaces an expired session by a new login with the same settings. */
  synchronized void relogin() throws SourceException {
    serviceInstance = connect(settings, trust);
  }

  private static ServiceInstance connect(VmwareSettings settings, PinningTrustManager trust)
      throws SourceException {
    int timeoutMs = settings.timeoutSeconds() * 1000;
    try {
      URL url = new URL(settings.sdkUrl());
      return PluginClassLoaderScope.call(
          () ->
              new ServiceInstance(
                  url, settings.username(), settings.password(), trust, timeoutMs, timeoutMs));
    } catch (MalformedURLException e) {
      throw new SourceException(
          SourceProblem.INVALID_CONFIGURATION,
          "Host '" + settings.host() + "' gives no valid URL",
          e);
    } catch (Exception e) {
      throw Faults.map("Logging in to " + settings.host() + ":" + settings.port(), e, trust);
    }
  }

  /** A trust manager following the settings' certificate mode. */
  static PinningTrustManager trustFor(VmwareSettings settings) {
    return new PinningTrustManager(
        settings.thumbprint(), settings.certificateMode() == CertificateMode.INSECURE);
  }

  ServiceInstance serviceInstance() {
    return serviceInstance;
  }

  VmwareSettings settings() {
    return settings;
  }

  PinningTrustManager trust() {
    return trust;
  }

  /** A yavijava managed object for a reference of the given type and value. */
  <T> T managedObject(String type, String value, Class<T> kind) {
    ManagedObjectReference mor = new ManagedObjectReference();
    mor.setType(type);
    mor.setVal(value);
    return kind.cast(MorUtil.createExactManagedObject(serviceInstance.getServerConnection(), mor));
  }

  /** "name=value" of the session cookie, for datastore HTTP requests. A secret: never log it. */
  String sessionCookie() {
    WSClient client = (WSClient) serviceInstance.getServerConnection().getVimService().getWsc();
    String header = client.getCookie();
    if (header == null) {
      throw new IllegalStateException("The server set no session cookie at login");
    }
    int end = header.indexOf(';');
    return end < 0 ? header : header.substring(0, end);
  }

  /** TLS context with this connection's trust decision, for the HTTP transport. */
  SSLContext sslContext() throws SourceException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new SourceException(SourceProblem.OTHER, "Cannot set up TLS: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    serviceInstance.getServerConnection().logout();
  }
}
