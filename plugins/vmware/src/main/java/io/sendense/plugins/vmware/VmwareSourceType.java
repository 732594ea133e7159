package io.sendense.plugins.vmware;

import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.ConfigProblem;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.source.HypervisorSourceType;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * The VMware vSphere source type (vCenter or ESXi), found by the hub as a PF4J extension.
 * Stateless: each configured vCenter gets its own {@link VmwareSession}, so several are used at
 * once.
 */
@Extension
public class VmwareSourceType implements HypervisorSourceType {

  /** The type id stored with every configured VMware source. */
  public static final String TYPE_ID = "vmware";

  /** Settings errors name their field as "Field 'name'". */
  private static final Pattern FIELD = Pattern.compile("Field '([A-Za-z]+)'");

  @Override
  public String typeId() {
    return TYPE_ID;
  }

  @Override
  public String displayName() {
    return "VMware vSphere (vCenter or ESXi)";
  }

  @Override
  public String description() {
    return "Backs up VMs of a vCenter or a standalone ESXi host, with snapshots and CBT.";
  }

  @Override
  public ConfigForm configForm() {
    return VmwareSettings.FORM;
  }

  @Override
  public List<ConfigProblem> validate(Configuration configuration) {
    List<ConfigProblem> problems =
        new ArrayList<>(HypervisorSourceType.super.validate(configuration));
    if (problems.isEmpty()) {
      try {
        VmwareSettings.from(configuration);
      } catch (IllegalArgumentException e) {
        Matcher field = FIELD.matcher(e.getMessage());
        problems.add(ConfigProblem.of(field.find() ? field.group(1) : "host", e.getMessage()));
      }
    }
    return problems;
  }

  @Override
  public SourceConnectionTest testConnection(PluginContext context) {
    try {
      return ConnectionTester.test(VmwareSettings.from(context.configuration()));
    } catch (IllegalArgumentException e) {
      return SourceConnectionTest.failed(SourceProblem.INVALID_CONFIGURATION, e.getMessage(), null);
    }
  }

  @Override
  public SourceSession open(PluginContext context) throws SourceException {
    try {
      return VmwareSession.open(VmwareSettings.from(context.configuration()), context.logger());
    } catch (IllegalArgumentException e) {
      throw new SourceException(SourceProblem.INVALID_CONFIGURATION, e.getMessage(), e);
    }
  }
}
