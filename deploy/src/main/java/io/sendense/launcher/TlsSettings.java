package io.sendense.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Optional;

/**
 * The hub's HTTPS listener ({@code sendense.http.tls.*}): a port, the address it binds (the HTTP
 * address unless given), a PKCS#12 key store with its password, and the alias of the key to serve
 * (the store's only or first key unless given). Checked before anything starts, so a wrong path,
 * password or alias fails with a message naming the key to fix.
 */
public record TlsSettings(int port, String address, Path keyStore, String password, String alias) {

  /** The TLS listener to open, or empty when {@code sendense.http.tls.port} is not set. */
  public static Optional<TlsSettings> of(LauncherConfig config) {
    if (config.get("sendense.http.tls.port").isBlank()) {
      return Optional.empty();
    }
    int port = config.port("sendense.http.tls.port");
    if (port == config.port("sendense.http.port")) {
      throw new IllegalArgumentException(
          "sendense.http.tls.port must differ from sendense.http.port (" + port + ")");
    }
    String address = config.get("sendense.http.tls.address");
    String file = config.get("sendense.http.tls.keystore");
    if (file.isBlank()) {
      throw new IllegalArgumentException(
          "sendense.http.tls.keystore must name a PKCS#12 file with the hub's key and certificate");
    }
    Path keyStore = Path.of(file).toAbsolutePath();
    String password = config.get("sendense.http.tls.keystore-password");
    String alias = keyAlias(keyStore, password, config.get("sendense.http.tls.alias"));
    return Optional.of(
        new TlsSettings(
            port,
            address.isBlank() ? config.get("sendense.http.address") : address,
            keyStore,
            password,
            alias));
  }

  private static String keyAlias(Path file, String password, String wanted) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "sendense.http.tls.keystore: " + file + " does not exist or cannot be read");
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(file)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "sendense.http.tls.keystore "
              + file
              + " cannot be opened as PKCS#12 with sendense.http.tls.keystore-password: "
              + e.getMessage());
    }
    try {
      if (!wanted.isBlank()) {
        if (!store.isKeyEntry(wanted)) {
          throw new IllegalArgumentException(
              "sendense.http.tls.alias: " + file + " has no key named '" + wanted + "'");
        }
        return wanted;
      }
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return alias;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("sendense.http.tls.keystore: " + e.getMessage());
    }
    throw new IllegalArgumentException(
        "sendense.http.tls.keystore " + file + " holds no private key (only certificates)");
  }

  /** Whether {@code address} reaches only this machine. */
  public static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
