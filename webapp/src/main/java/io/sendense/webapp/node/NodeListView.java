package io.sendense.webapp.node;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.shell.Messages;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Nodes page: every node with its state, health and running jobs (refreshed while shown);
 * pairing (the token and the run-node command are shown once), rename, job limit, drain and revoke.
 * The service checks the roles; the page hides what the user may not do.
 */
@Named
@ViewScoped
public class NodeListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject NodeService nodes;
  @Inject AuditService audit;
  @Inject SecurityContext security;

  private transient List<NodeDto> rows;
  private final Map<Long, String> names = new HashMap<>();
  private final Map<Long, String> limits = new HashMap<>();
  private PairingTokenDto pairing;

  public List<NodeDto> getRows() {
    if (rows == null) {
      rows = nodes.list();
      rows.forEach(n -> names.putIfAbsent(n.id(), n.name()));
      rows.forEach(n -> limits.putIfAbsent(n.id(), n.jobLimitDefault() ? "" : "" + n.jobLimit()));
    }
    return rows;
  }

  public void refresh() {
    rows = null;
  }

  public void pair() {
    run(
        "Pairing token created",
        () -> {
          String host =
              FacesContext.getCurrentInstance().getExternalContext().getRequestServerName();
          pairing = nodes.createToken(user(), host);
          audited("node.pairing-token", "expires " + pairing.expiresAt());
          return "Copy the command now: the token is shown once and works once, for an hour";
        });
  }

  public void rename(long id) {
    run(
        "Node renamed",
        () -> {
          NodeDto node = nodes.rename(id, names.get(id));
          audited("node.rename", node.name());
          return node.name();
        });
  }

  /** Sets the node's job limit; an empty field returns it to the hub's default. */
  public void limitJobs(long id) {
    run(
        "Job limit set",
        () -> {
          String text = String.valueOf(limits.getOrDefault(id, "")).strip();
          Integer limit;
          try {
            limit = text.isEmpty() ? null : Integer.valueOf(text);
          } catch (NumberFormatException e) {
            throw new Refusal(400, "The job limit is a whole number, or empty for the default");
          }
          NodeDto node = nodes.limitJobs(id, limit);
          limits.put(id, node.jobLimitDefault() ? "" : "" + node.jobLimit());
          audited("node.job-limit", node.name() + " -> " + node.jobLimit());
          return node.name() + " runs at most " + node.jobLimit() + " job(s) at once";
        });
  }

  public void drain(long id, boolean draining) {
    run(
        draining ? "Node draining" : "Node takes jobs again",
        () -> {
          NodeDto node = nodes.drain(id, draining);
          audited(draining ? "node.drain" : "node.undrain", node.name());
          return draining ? node.name() + " finishes its jobs and takes no new ones" : node.name();
        });
  }

  public void revoke(long id) {
    run(
        "Node revoked",
        () -> {
          NodeDto node = nodes.revoke(id);
          audited("node.revoke", node.name());
          return node.name() + " is refused from its next connection on";
        });
  }

  private void run(String done, Supplier<String> action) {
    try {
      Messages.info(done, action.get());
      rows = null;
    } catch (Refusal e) {
      Messages.error("Not done", e.getMessage());
    }
  }

  public String health(NodeDto node) {
    NodeHealth h = node.health();
    if (h == null) {
      return "";
    }
    StringBuilder text =
        new StringBuilder(
            String.format(
                "load %.2f on %d CPUs, memory %d/%d MiB, %d GiB free",
                h.cpuLoad(),
                h.cpus(),
                h.memoryUsedBytes() >> 20,
                h.memoryMaxBytes() >> 20,
                Math.max(0, h.freeBytes()) >> 30));
    for (NodeHealth.RepositorySpace r : h.repositories()) {
      text.append(
          String.format(
              "; repository %s: %d of %d GiB free",
              r.name(), Math.max(0, r.freeBytes()) >> 30, Math.max(0, r.totalBytes()) >> 30));
    }
    return text.toString();
  }

  public String jobs(NodeDto node) {
    StringBuilder text = new StringBuilder();
    for (NodeDto.RunningJob j : node.runningJobs()) {
      int percent = j.bytesTotal() <= 0 ? 0 : (int) (j.bytesDone() * 100 / j.bytesTotal());
      text.append(text.length() == 0 ? "" : ", ")
          .append(j.vmName())
          .append(" (")
          .append(j.phase() == null ? "starting" : j.phase())
          .append(' ')
          .append(percent)
          .append("%)");
    }
    return text.toString();
  }

  public String sources(NodeDto node) {
    return String.join(", ", node.sources());
  }

  public boolean isAdmin() {
    return security.isCallerInRole(Roles.ADMIN);
  }

  public Map<Long, String> getNames() {
    return names;
  }

  public Map<Long, String> getLimits() {
    return limits;
  }

  public PairingTokenDto getPairing() {
    return pairing;
  }

  private void audited(String action, String target) {
    audit.record(user(), action, target, AuditService.SUCCESS, null, null);
  }

  private String user() {
    return security.getCallerPrincipal().getName();
  }
}
