package io.sendense.webapp.notification;

import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.notification.DeliveryRecord;
import io.sendense.persistence.notification.NotificationChannel;
import io.sendense.persistence.notification.NotificationEvent;
import io.sendense.persistence.notification.NotificationRule;
import io.sendense.persistence.notification.NotificationStore;
import io.sendense.persistence.notification.OutboxMessage;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.plugin.ConfigCodec;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Notification channels and rules, for admins only (they hold addresses, URLs and secrets). Secrets
 * are sealed with the hub's cipher and never returned.
 */
@ApplicationScoped
@Transactional
@RequiresRole(value = Roles.ADMIN, action = "manage notifications")
public class NotificationService {
  @Inject NotificationStore store;
  @Inject FlowStore flows;
  @Inject ChannelVault vault;

  public List<ChannelDto> channels() {
    return store.channels().stream().map(NotificationService::toDto).toList();
  }

  public ChannelDto channel(long id) {
    return toDto(find(id));
  }

  public ChannelDto create(ChannelRequest request) {
    if (request == null) {
      throw new Refusal(400, "A JSON body {name, kind, config, secret} is required");
    }
    String name = Fields.name(request.name());
    if (store.channelNamed(name).isPresent()) {
      throw new Refusal(409, "A notification channel named '" + name + "' already exists");
    }
    NotificationChannel.Kind kind = kind(request.kind());
    ChannelSettings settings = ChannelSettings.checked(kind, request.config());
    NotificationChannel channel = new NotificationChannel();
    channel.setName(name);
    channel.setKind(kind);
    channel.setEnabled(request.enabled() == null || request.enabled());
    channel.setConfigJson(json(settings.values()));
    store.save(channel);
    if (request.secret() != null && !request.secret().isBlank()) {
      channel.setSecretCiphertext(vault.seal(channel.getId(), request.secret()));
    }
    requireSecretWhereNeeded(channel, settings);
    return toDto(channel);
  }

  public ChannelDto update(long id, ChannelRequest request) {
    NotificationChannel channel = find(id);
    if (request == null) {
      throw new Refusal(400, "A JSON body is required");
    }
    if (request.kind() != null && kind(request.kind()) != channel.getKind()) {
      throw new Refusal(400, "The kind of a channel cannot change; create a new channel");
    }
    if (request.name() != null && !request.name().strip().equals(channel.getName())) {
      String name = Fields.name(request.name());
      if (store.channelNamed(name).isPresent()) {
        throw new Refusal(409, "A notification channel named '" + name + "' already exists");
      }
      channel.setName(name);
    }
    ChannelSettings settings =
        ChannelSettings.checked(
            channel.getKind(),
            request.config() == null
                ? ConfigCodec.parse(channel.getConfigJson())
                : request.config());
    channel.setConfigJson(json(settings.values()));
    if (request.secret() != null && !request.secret().isBlank()) {
      channel.setSecretCiphertext(vault.seal(id, request.secret()));
    }
    if (request.enabled() != null) {
      channel.setEnabled(request.enabled());
    }
    requireSecretWhereNeeded(channel, settings);
    return toDto(channel);
  }

  public void delete(long id) {
    store.delete(find(id));
  }

  public List<RuleDto> rules() {
    return store.rules().stream().map(this::toDto).toList();
  }

  public RuleDto createRule(RuleRequest request) {
    NotificationRule rule = new NotificationRule();
    apply(rule, request, true);
    store.save(rule);
    return toDto(rule);
  }

  public RuleDto updateRule(long id, RuleRequest request) {
    NotificationRule rule = findRule(id);
    apply(rule, request, false);
    return toDto(rule);
  }

  public void deleteRule(long id) {
    store.delete(findRule(id));
  }

  /** The delivery log, newest first (every attempt, "Send test" included). */
  public List<DeliveryRecord> deliveries(Long channelId, int limit) {
    return store.deliveries(channelId, Math.max(1, Math.min(500, limit)));
  }

  /** The outbox, newest first: what is queued, sent, being retried or given up on. */
  public List<OutboxMessage> messages(Long channelId, int limit) {
    return store.recentMessages(channelId, Math.max(1, Math.min(500, limit)));
  }

  private void apply(NotificationRule rule, RuleRequest r, boolean creating) {
    if (r == null) {
      throw new Refusal(
          400, "A JSON body {channelId, event, flowId?, thresholdPercent?} is required");
    }
    if (creating || r.channelId() != null) {
      if (r.channelId() == null) {
        throw new Refusal(400, "channelId is required");
      }
      rule.setChannelId(find(r.channelId()).getId());
    }
    if (creating || r.event() != null) {
      rule.setEvent(event(r.event()));
    }
    if (creating || r.flowId() != null) {
      rule.setFlowId(r.flowId() == null || r.flowId() == 0 ? null : flow(r.flowId()).getId());
    }
    if (r.enabled() != null) {
      rule.setEnabled(r.enabled());
    }
    if (r.thresholdPercent() != null) {
      rule.setThresholdPercent(r.thresholdPercent());
    }
    checkRule(rule);
  }

  private static void checkRule(NotificationRule rule) {
    if (rule.getEvent() == NotificationEvent.REPOSITORY_CAPACITY) {
      Integer t = rule.getThresholdPercent();
      if (t == null || t < 1 || t > 100) {
        throw new Refusal(400, "thresholdPercent (1 to 100) is required for REPOSITORY_CAPACITY");
      }
    } else {
      rule.setThresholdPercent(null);
    }
    if (rule.getFlowId() != null && !rule.getEvent().perFlow()) {
      throw new Refusal(
          400,
          rule.getEvent()
              + " is an event of the hub, not of one flow: leave flowId out (per-flow events: "
              + "FAILURE, WARNING, SUCCESS, MISSED_SCHEDULE)");
    }
  }

  private static void requireSecretWhereNeeded(NotificationChannel c, ChannelSettings s) {
    if (c.getKind() == NotificationChannel.Kind.EMAIL
        && s.get(ChannelSettings.USERNAME) != null
        && c.getSecretCiphertext() == null) {
      throw new Refusal(400, "secret (the SMTP password) is required with a username");
    }
    if (c.getKind() == NotificationChannel.Kind.WEBHOOK && c.getSecretCiphertext() == null) {
      throw new Refusal(400, "secret (the HMAC-SHA256 key receivers check) is required");
    }
  }

  private static NotificationChannel.Kind kind(String kind) {
    try {
      return NotificationChannel.Kind.valueOf(
          String.valueOf(kind).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, "kind must be EMAIL or WEBHOOK, not '" + kind + "'");
    }
  }

  private static NotificationEvent event(String event) {
    try {
      NotificationEvent e =
          NotificationEvent.valueOf(String.valueOf(event).strip().toUpperCase(Locale.ROOT));
      if (e != NotificationEvent.TEST) {
        return e;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new Refusal(
        400,
        "event must be one of "
            + Arrays.stream(NotificationEvent.values())
                .filter(e -> e != NotificationEvent.TEST)
                .toList()
            + ", not '"
            + event
            + "'");
  }

  private ProtectionFlow flow(long id) {
    return flows.byId(id).orElseThrow(() -> new Refusal(400, "No protection flow with id " + id));
  }

  private NotificationChannel find(long id) {
    return store
        .channel(id)
        .orElseThrow(() -> new Refusal(404, "No notification channel with id " + id));
  }

  private NotificationRule findRule(long id) {
    return store.rule(id).orElseThrow(() -> new Refusal(404, "No notification rule with id " + id));
  }

  private static String json(Map<String, String> values) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    values.forEach(json::add);
    return json.build().toString();
  }

  static ChannelDto toDto(NotificationChannel c) {
    return new ChannelDto(
        c.getId(),
        c.getName(),
        c.getKind().name(),
        c.isEnabled(),
        ConfigCodec.parse(c.getConfigJson()),
        c.getSecretCiphertext() != null,
        c.getCreatedAt());
  }

  private RuleDto toDto(NotificationRule r) {
    return new RuleDto(
        r.getId(),
        r.getChannelId(),
        store.channel(r.getChannelId()).map(NotificationChannel::getName).orElse(null),
        r.getEvent().name(),
        r.getFlowId(),
        r.getFlowId() == null
            ? null
            : flows.byId(r.getFlowId()).map(ProtectionFlow::getName).orElse(null),
        r.getThresholdPercent(),
        r.isEnabled());
  }
}
