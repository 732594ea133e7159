package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationChannel;
import io.sendense.persistence.notification.NotificationStore;
import io.sendense.webapp.plugin.ConfigCodec;
import io.sendense.webapp.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Opens a channel for one delivery: its settings and its secret, decrypted with the hub's {@link
 * Secrets} only here and only for the sender. Secrets are sealed bound to {@code
 * notification-channel/<id>/secret}, so a ciphertext copied to another channel does not open.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ChannelVault {
  @Inject NotificationStore store;
  @Inject Secrets secrets;

  /**
   * The channel ready to send, or empty if it is gone (or disabled, unless {@code evenDisabled}).
   */
  public Optional<Sender.Channel> open(long channelId, boolean evenDisabled) {
    return store
        .channel(channelId)
        .filter(c -> evenDisabled || c.isEnabled())
        .map(
            c ->
                new Sender.Channel(
                    c.getId(),
                    c.getName(),
                    new ChannelSettings(c.getKind(), ConfigCodec.parse(c.getConfigJson())),
                    secret(c)));
  }

  String secret(NotificationChannel c) {
    return c.getSecretCiphertext() == null
        ? null
        : secrets.cipher().decrypt(c.getSecretCiphertext(), context(c.getId()));
  }

  String seal(long channelId, String secret) {
    return secrets.cipher().encrypt(secret, context(channelId));
  }

  static String context(long channelId) {
    return "notification-channel/" + channelId + "/secret";
  }
}
