package io.sendense.plugins.reponfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies of a hostile "NFS server": sizes are checked before anything is allocated. */
class NfsExportsTest {
  private static DataInputStream stream(int... words) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (int w : words) {
      out.writeInt(w);
    }
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  private static DataInputStream exportList(String... paths) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (String path : paths) {
      byte[] p = path.getBytes(StandardCharsets.UTF_8);
      out.writeInt(1);
      out.writeInt(p.length);
      out.write(p);
      out.write(new byte[(4 - p.length % 4) % 4]);
      out.writeInt(0);
    }
    out.writeInt(0);
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void aWellFormedExportListIsRead() throws IOException {
    assertEquals(
        List.of("/srv/backup", "/x"), NfsExports.parseExports(exportList("/srv/backup", "/x")));
  }

  @Test
  void aFragmentClaimingTwoGibibytesIsRefusedBeforeAllocating() {
    IOException e =
        assertThrows(IOException.class, () -> NfsExports.readRecord(stream(0xffffffff)));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void fragmentsAddingUpPastTheLimitAreRefused() {
    int half = NfsExports.MAX_RECORD / 2 + 1;
    byte[] data = new byte[half];
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              DataOutputStream out = new DataOutputStream(bytes);
              out.writeInt(half);
              out.write(data);
              out.writeInt(0x80000000 | half);
              out.write(data);
              NfsExports.readRecord(
                  new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            });
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void endlessEmptyFragmentsAreRefused() {
    int[] words = new int[NfsExports.MAX_FRAGMENTS + 1];
    IOException e = assertThrows(IOException.class, () -> NfsExports.readRecord(stream(words)));
    assertTrue(e.getMessage().contains("fragments"), e.getMessage());
  }

  @Test
  void negativeOrOverlongStringLengthsAreRefused() {
    for (int length :
        new int[] {-1, Integer.MIN_VALUE, 0x7fffffff, NfsExports.MAX_STRING + 1, 16}) {
      IOException e =
          assertThrows(IOException.class, () -> NfsExports.parseExports(stream(1, length, 0)));
      assertTrue(e.getMessage().contains("string length " + length), e.getMessage());
    }
  }
}
