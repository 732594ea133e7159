package io.sendense.image.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where a command writes: {@code out} for its data (JSON, or raw bytes for {@code export -}),
 * {@code err} for messages to the operator. Injected so that tests can capture both.
 */
public record Console(OutputStream rawOut, PrintStream out, PrintStream err) {
  public static Console system() {
    return new Console(System.out, System.out, System.err);
  }
}
