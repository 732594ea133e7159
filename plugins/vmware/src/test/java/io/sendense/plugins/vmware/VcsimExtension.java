package io.sendense.plugins.vmware;

import io.sendense.plugin.testkit.VcsimProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test that declares a {@link Vcsim} parameter its own freshly started vCenter simulator
 * ({@link VcsimProcess}: built from src/test/vcsim by build.sh, cached), stopped after the test,
 * also when it fails.
 */
final class VcsimExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Vcsim.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    VcsimOptions options =
        context.getRequiredTestMethod().getAnnotation(VcsimOptions.class) != null
            ? context.getRequiredTestMethod().getAnnotation(VcsimOptions.class)
            : context.getRequiredTestClass().getAnnotation(VcsimOptions.class);
    try {
      Running running = start(options);
      context
          .getStore(ExtensionContext.Namespace.create(VcsimExtension.class, parameter.getIndex()))
          .put("vcsim", running);
      return running.vcsim();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start vcsim: " + e.getMessage(), e);
    }
  }

  private static Running start(VcsimOptions options) throws IOException {
    List<String> args = new ArrayList<>();
    args.add("-username=" + Vcsim.USER);
    args.add("-password=" + Vcsim.PASSWORD);
    args.add("-cbt=" + (options == null || options.cbt()));
    args.add("-disk-mb=" + (options == null ? 64 : options.diskMb()));
    args.add("-fail-remove-snapshot=" + (options != null && options.failRemoveSnapshot()));
    if (options != null && options.denyPrivileges().length > 0) {
      args.add("-deny-privileges=" + String.join(",", options.denyPrivileges()));
    }
    VcsimProcess process = VcsimProcess.start(Path.of("src/test/vcsim/build.sh"), args);
    return new Running(
        process, new Vcsim(process.url(), process.thumbprint(), process.datastores()));
  }

  /** A started simulator; closing it stops the process and deletes its folder. */
  private record Running(VcsimProcess process, Vcsim vcsim)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      process.close();
    }
  }
}
