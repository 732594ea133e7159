import io.sendense.image.cli.Console;
import io.sendense.image.cli.Main;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writer as the hub runs it: `sendense-image convert` ARGS run ROUNDS times in one JVM (so the
 * JIT has compiled the copy path after the first round, as in a hub that has run backups), each on
 * a fresh output after a `sync` (untimed, as bench-image.sh's runs start). Prints the seconds of
 * every round after the first, one per line. Usage: WarmConvert ROUNDS OUTPUT convert-args...
 */
public class WarmConvert {
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    String[] convert = Arrays.copyOfRange(args, 2, args.length);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Files.deleteIfExists(out);
      new ProcessBuilder("sync").inheritIO().start().waitFor();
      long t = System.nanoTime();
      int code = Main.run(convert, new Console(quiet, quiet, System.err));
      double s = (System.nanoTime() - t) / 1e9;
      if (code != 0) {
        throw new IllegalStateException("convert failed with " + code);
      }
      if (i > 0) {
        times.add(s);
      }
    }
    times.forEach(s -> System.out.printf("%.3f%n", s));
  }
}
