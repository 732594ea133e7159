package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationChannel.Kind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;

/** The sender of each channel kind, and this hub's name in claims and the delivery log. */
@ApplicationScoped
public class Senders {
  @Inject Clock clock;
  private Sender mail;
  private Sender webhook;
  private String hub;

  @PostConstruct
  void init() {
    mail = new MailSender();
    webhook = new WebhookSender(clock);
    String name = ManagementFactory.getRuntimeMXBean().getName();
    hub = name.length() > 64 ? name.substring(0, 64) : name;
  }

  public Sender of(Kind kind) {
    return kind == Kind.EMAIL ? mail : webhook;
  }

  /** This hub process ({@code pid@host}): who claimed a message, who sent it. */
  public String hub() {
    return hub;
  }
}
