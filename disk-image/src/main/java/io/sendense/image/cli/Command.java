package io.sendense.image.cli;

/**
 * One sub-command of the image tool. New commands (the file-level restore ones: partitions, ls,
 * cat, extract) implement this and are added to {@link Main#COMMANDS}; nothing else changes.
 */
public interface Command {
  /** Exit code for success. */
  int OK = 0;

  /** Exit code when an image cannot be opened or read (missing, corrupt, broken chain). */
  int IMAGE_ERROR = 1;

  /** Exit code for wrong arguments. */
  int USAGE = 64;

  /** The word that selects this command, e.g. {@code convert}. */
  String name();

  /** One line: arguments and options, e.g. {@code SRC DST.qcow2 [--backing PARENT]}. */
  String usage();

  /** One line saying what the command does. */
  String summary();

  /** Runs the command with the arguments after its name; returns the process exit code. */
  int run(java.util.List<String> args, Console console) throws Exception;
}
