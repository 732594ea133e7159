package io.sendense.image.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final Set<String> OPTIONS = Set.of("backing", "cluster-size");

  private static Args parse(String... raw) {
    return Args.parse(List.of(raw), OPTIONS, Set.of("json"));
  }

  @Test
  void anOptionTakesItsValueAfterItOrJoinedWithEquals() {
    assertEquals("p.qcow2", parse("a", "--backing", "p.qcow2", "b").option("backing", null));
    Args joined = parse("a", "--backing=dir/p=1.qcow2", "b");
    assertEquals("dir/p=1.qcow2", joined.option("backing", null));
    assertEquals(List.of("a", "b"), joined.positional(2));
  }

  @Test
  void doubleDashEndsTheOptionsSoFileNamesMayStartWithADash() {
    Args a = parse("--json", "--", "--backing", "-x.raw");
    assertTrue(a.flag("json"));
    assertEquals(List.of("--backing", "-x.raw"), a.positional(2));
    assertEquals(null, a.option("backing", null));
  }

  @Test
  void aLoneDashIsAPositionalArgument() {
    assertEquals(List.of("in.qcow2", "-"), parse("in.qcow2", "-").positional(2));
  }

  @Test
  void mistakesAreRefusedWithTheOptionNamed() {
    assertEquals("unknown option --frob", message(() -> parse("--frob", "1")));
    assertEquals("option --backing needs a value", message(() -> parse("a", "--backing")));
    assertEquals(
        "option --backing needs a value", message(() -> parse("--backing", "--json", "a")));
    assertEquals("option --json takes no value", message(() -> parse("--json=yes")));
    assertEquals(
        "option --backing is given twice", message(() -> parse("--backing", "a", "--backing=b")));
    assertEquals(
        "unknown option -b (put -- before a file name that starts with -)",
        message(() -> parse("-b", "x")));
  }

  @Test
  void sizesTakeBinaryUnits() {
    assertEquals(65536, parse("--cluster-size", "64k").size("cluster-size", 1, Long.MAX_VALUE));
    assertEquals(2L << 20, parse("--cluster-size=2M").size("cluster-size", 1, Long.MAX_VALUE));
    assertEquals(1L << 30, parse("--cluster-size=1g").size("cluster-size", 1, Long.MAX_VALUE));
    assertEquals(4096, parse("--cluster-size", "4096").size("cluster-size", 1, Long.MAX_VALUE));
    assertEquals(7, parse().size("cluster-size", 7, Long.MAX_VALUE));
  }

  @Test
  void emptyNegativeZeroMalformedAndTooLargeSizesAreRefused() {
    for (String bad : List.of("", "k", "-4k", "0", "1.5M", "12x")) {
      String m = message(() -> parse("--cluster-size=" + bad).size("cluster-size", 1, 1L << 40));
      assertEquals(
          "--cluster-size must be a positive number, optionally with k, M or G: '" + bad + "'",
          m,
          bad);
    }
    assertEquals(
        "--cluster-size is at most 256: '1k'",
        message(() -> parse("--cluster-size=1k").size("cluster-size", 1, 256)));
    assertEquals(
        "--cluster-size is at most 1099511627776: '9999999999G'",
        message(() -> parse("--cluster-size=9999999999G").size("cluster-size", 1, 1L << 40)));
    assertEquals(
        "--cluster-size is at most 1099511627776: '99999999999999999999'",
        message(
            () -> parse("--cluster-size=99999999999999999999").size("cluster-size", 1, 1L << 40)));
  }

  private static String message(Runnable r) {
    return assertThrows(UsageException.class, r::run).getMessage();
  }
}
