package io.sendense.webapp.flow;

import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The changes to protection flows: create and change (checked by {@link FlowSettings}), delete and
 * enable or disable, each in one transaction. What the pages and the API read is {@link
 * FlowQueries}'; Run Now is {@link FlowRunner}'s.
 */
@ApplicationScoped
@Transactional
public class FlowService {
  @Inject FlowStore store;
  @Inject FlowSettings settings;
  @Inject FlowQueries queries;
  @Inject Event<FlowsChanged> changed;

  public FlowDto create(FlowRequest request) {
    String name = Fields.name(request.name());
    if (store.byName(name).isPresent()) {
      throw new Refusal(409, "A protection flow named '" + name + "' already exists");
    }
    ProtectionFlow flow = new ProtectionFlow();
    flow.setName(name);
    settings.apply(flow, request);
    store.save(flow);
    changed.fire(new FlowsChanged());
    return FlowDtos.flow(flow, null);
  }

  public FlowDto update(long id, FlowRequest request) {
    ProtectionFlow flow = find(id);
    String name = Fields.name(request.name());
    if (!name.equals(flow.getName()) && store.byName(name).isPresent()) {
      throw new Refusal(409, "A protection flow named '" + name + "' already exists");
    }
    flow.setName(name);
    settings.apply(flow, request);
    changed.fire(new FlowsChanged());
    return queries.dto(flow);
  }

  public void delete(long id) {
    ProtectionFlow flow = find(id);
    List<FlowExecution> running = store.runningExecutionsOf(List.of(flow.getId()));
    if (!running.isEmpty()) {
      throw new Refusal(
          409,
          "Flow '"
              + flow.getName()
              + "' is running (execution #"
              + running.get(0).getId()
              + "); wait for it to end");
    }
    store.delete(flow);
    changed.fire(new FlowsChanged());
  }

  /**
   * Enables (next run computed from now: runs missed while disabled are not made up) or disables.
   */
  public FlowDto setEnabled(long id, boolean enabled) {
    ProtectionFlow flow = find(id);
    if (enabled && !flow.isEnabled()) {
      flow.setNextRunAt(settings.planner().firstRun(flow.getCronSchedule(), flow.getTimeZone()));
    }
    flow.setEnabled(enabled);
    changed.fire(new FlowsChanged());
    return queries.dto(flow);
  }

  public String nameOf(long id) {
    return find(id).getName();
  }

  private ProtectionFlow find(long id) {
    return store.byId(id).orElseThrow(() -> new Refusal(404, "No protection flow with id " + id));
  }
}
