package io.sendense.image.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The dispatcher's help and usage behaviour (no image is opened). */
class MainTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream text = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code =
        Main.run(args, new Console(out, text, new PrintStream(err, true, StandardCharsets.UTF_8)));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void eachCommandPrintsItsOwnHelpOnStdoutAndSucceeds() {
    String expected =
        "usage: sendense-image convert "
            + new ConvertCommand().usage()
            + "\n  "
            + new ConvertCommand().summary()
            + "\n";
    assertEquals(new Run(0, expected, ""), run("convert", "--help"));
    assertEquals(new Run(0, expected, ""), run("convert", "in.raw", "-h"));
    assertEquals(new Run(0, expected, ""), run("help", "convert"));
  }

  @Test
  void helpAfterDoubleDashIsAFileName() {
    Run r = run("info", "--", "--help");
    assertEquals(Command.IMAGE_ERROR, r.code());
    assertEquals(
        "error: " + java.nio.file.Path.of("--help").toAbsolutePath() + ": file does not exist\n",
        r.err());
  }

  @Test
  void theOverallHelpListsEveryCommand() {
    Run help = run("--help");
    assertEquals(0, help.code());
    for (Command c : Main.COMMANDS) {
      assertTrue(help.out().contains("  " + c.name() + " "), c.name());
    }
    Run none = run();
    assertEquals(Command.USAGE, none.code());
    assertEquals(help.out(), none.err());
  }

  @Test
  void aWrongOptionNamesItAndTheCommandsUsage() {
    Run r = run("convert", "a", "b", "--threads=0");
    assertEquals(Command.USAGE, r.code());
    assertEquals(
        "--threads must be a positive number, optionally with k, M or G: '0'\n"
            + "usage: sendense-image convert "
            + new ConvertCommand().usage()
            + "\n",
        r.err());
  }
}
