package io.sendense.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Contract: "Test connection" succeeds on a working setup and names the exact failure else. */
public interface ConnectionTestContract extends StorageFixture {

  @Test
  default void validConfigurationPassesValidationAndConnectionTest() throws Exception {
    assertEquals(List.of(), storageType().validate(configuration()));
    ConnectionTestResult result = storageType().testConnection(context(configuration()));
    assertTrue(result.successful(), result.message());
    assertTrue(result.message().contains("free"), result.message());
    assertFalse(
        storage().list(StoragePath.ROOT).stream().anyMatch(e -> e.name().startsWith(".sendense")),
        "Test connection must not leave its probe file behind");
  }

  @TestFactory
  default Stream<DynamicTest> connectionTestReportsTheExactFailure() {
    return failingConfigurations().entrySet().stream()
        .map(
            entry ->
                dynamicTest(
                    entry.getKey().name(),
                    () -> {
                      ConnectionTestResult result =
                          storageType().testConnection(context(entry.getValue()));
                      assertFalse(result.successful(), result.message());
                      assertEquals(entry.getKey(), result.failure(), result.message());
                    }));
  }
}
