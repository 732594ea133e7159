package io.sendense.plugin.testkit;

import io.sendense.plugin.api.repository.Capacity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a folder's file-system capacity with {@code df}, independently of any plugin code, as the
 * expected value for {@link CapacityContract}.
 */
public final class DiskFree {

  private DiskFree() {}

  /** Total, used and available bytes of the file system holding {@code folder}. */
  public static Capacity of(Path folder) throws IOException, InterruptedException {
    Process df =
        new ProcessBuilder(List.of("df", "-B1", "--output=size,used,avail", folder.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(df.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (!df.waitFor(30, TimeUnit.SECONDS) || df.exitValue() != 0) {
      throw new IOException("df failed for " + folder + ": " + output);
    }
    String[] lines = output.strip().split("\n");
    String[] numbers = lines[lines.length - 1].trim().split("\\s+");
    return new Capacity(
        Long.parseLong(numbers[0]), Long.parseLong(numbers[1]), Long.parseLong(numbers[2]));
  }
}
