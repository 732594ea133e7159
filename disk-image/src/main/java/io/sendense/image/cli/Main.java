package io.sendense.image.cli;

import io.sendense.image.qcow2.ImageException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code sendense-image}, the stand-alone tool that lets an operator convert,
 * export, inspect and check backups without the hub. It only dispatches: each sub-command is a
 * {@link Command}, listed in {@link #COMMANDS}.
 */
public final class Main {
  static final List<Command> COMMANDS =
      List.of(
          new ConvertCommand(),
          new ExportCommand(),
          new InfoCommand(),
          new CheckCommand(),
          new VerifyCommand(),
          new CommitCommand(),
          new MapCommand(),
          new PartitionsCommand(),
          new LsCommand(),
          new CatCommand(),
          new ExtractCommand());

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, Console.system());
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String[] args, Console console) {
    if (args.length == 0) {
      usage(console.err());
      return Command.USAGE;
    }
    boolean help = isHelp(args[0]);
    String name = help && args.length > 1 ? args[1] : args[0];
    if (help && args.length == 1) {
      usage(console.out());
      return Command.OK;
    }
    Command command = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    if (command == null) {
      console.err().println("unknown command '" + name + "'");
      usage(console.err());
      return Command.USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (help || asksForHelp(rest)) {
      console.out().println("usage: sendense-image " + command.name() + " " + command.usage());
      console.out().println("  " + command.summary());
      return Command.OK;
    }
    try {
      return command.run(rest, console);
    } catch (UsageException e) {
      console.err().println(e.getMessage());
      console.err().println("usage: sendense-image " + command.name() + " " + command.usage());
      return Command.USAGE;
    } catch (ImageException | io.sendense.image.guest.GuestFsException e) {
      console.err().println("error: " + e.getMessage());
      return Command.IMAGE_ERROR;
    } catch (java.nio.file.NoSuchFileException e) {
      console.err().println("error: file not found: " + e.getFile());
      return Command.IMAGE_ERROR;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      console.err().println("error: file already exists: " + e.getFile());
      return Command.IMAGE_ERROR;
    } catch (IllegalArgumentException e) {
      console.err().println("error: " + e.getMessage());
      return Command.IMAGE_ERROR;
    } catch (IOException | RuntimeException e) {
      console.err().println("error: " + e);
      return Command.IMAGE_ERROR;
    } catch (Exception e) {
      console.err().println("error: " + e);
      return Command.IMAGE_ERROR;
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
  }

  /** Whether {@code --help} or {@code -h} comes before a {@code --} that ends the options. */
  private static boolean asksForHelp(List<String> args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  private static void usage(java.io.PrintStream to) {
    to.println(
        "usage: sendense-image COMMAND ARGS...   (sendense-image COMMAND --help: one command)");
    for (Command c : COMMANDS) {
      to.printf("  %-10s %s%n             %s%n", c.name(), c.usage(), c.summary());
    }
  }
}
