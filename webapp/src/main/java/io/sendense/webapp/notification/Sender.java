package io.sendense.webapp.notification;

/** Delivers a message over one channel; returns what the other side answered. */
public interface Sender {
  String send(Channel channel, Message message) throws DeliveryFailure;

  /** A channel ready to send: its settings and its secret, opened for this delivery only. */
  record Channel(long id, String name, ChannelSettings settings, String secret) {
    @Override
    public String toString() {
      // Never the secret, whatever logs this.
      return "Channel[" + id + " " + name + " " + settings.kind() + "]";
    }
  }
}
