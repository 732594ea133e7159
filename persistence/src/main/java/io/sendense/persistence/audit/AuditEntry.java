package io.sendense.persistence.audit;

import jakarta.persistence.*;
import java.time.Instant;

/** One audited action (login, rerun, download, change); kept apart from application logs. */
@Entity
@Table(name = "audit_log")
@NamedQueries({
  @NamedQuery(
      name = "AuditEntry.recent",
      query = "SELECT a FROM AuditEntry a ORDER BY a.occurredAt DESC, a.id DESC"),
  @NamedQuery(
      name = "AuditEntry.byAction",
      query =
          "SELECT a FROM AuditEntry a WHERE a.action = :action ORDER BY a.occurredAt DESC, a.id DESC")
})
public class AuditEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "occurred_at")
  private Instant occurredAt = Instant.now();

  @Column(name = "username")
  private String username;

  @Column(name = "user_id")
  private Long userId;

  @Column(name = "action", nullable = false)
  private String action;

  @Column(name = "target")
  private String target;

  @Column(name = "outcome", nullable = false)
  private String outcome;

  @Column(name = "remote_addr")
  private String remoteAddr;

  @Column(name = "detail")
  private String detail;

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public void setOccurredAt(Instant occurredAt) {
    this.occurredAt = occurredAt;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public Long getUserId() {
    return userId;
  }

  public void setUserId(Long userId) {
    this.userId = userId;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getRemoteAddr() {
    return remoteAddr;
  }

  public void setRemoteAddr(String remoteAddr) {
    this.remoteAddr = remoteAddr;
  }

  public String getDetail() {
    return detail;
  }

  public void setDetail(String detail) {
    this.detail = detail;
  }
}
