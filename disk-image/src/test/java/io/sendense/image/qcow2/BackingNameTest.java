package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.MemoryImageStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Backing file names stay inside the store: a chain follows only names relative to each image's
 * folder and below it, so an image whose header names {@code /etc/shadow} or {@code ../other} is
 * refused, never read. Parents are opened read-only.
 */
class BackingNameTest {
  private static final int SIZE = 1 << 20;

  @Test
  void aChainFollowsRelativeNamesDownwardsOnly() throws Exception {
    MemoryImageStore store = new MemoryImageStore();
    store.createDirectories("vm-1/old");
    byte[] base = TestData.mixed(3, SIZE);
    write(store, "vm-1/old/base.qcow2", null, base);
    write(store, "vm-1/top.qcow2", "vm-1/old/base.qcow2", new byte[0]);
    try (Qcow2Chain chain = Qcow2Chain.open(store, "vm-1/top.qcow2")) {
      assertEquals(java.util.List.of("vm-1/top.qcow2", "vm-1/old/base.qcow2"), chain.names());
      ByteBuffer all = ByteBuffer.allocate(SIZE);
      chain.read(0, all);
      assertArrayEquals(base, all.array());
    }
    for (String hostile : new String[] {"/etc/shadow", "../vm-2/x.qcow2", "old/../../x.qcow2"}) {
      setBackingName(store, "vm-1/top.qcow2", hostile);
      BrokenChainException e =
          assertThrows(
              BrokenChainException.class, () -> Qcow2Chain.open(store, "vm-1/top.qcow2"), hostile);
      assertTrue(e.problem().contains("only names relative to the image's folder"), e.problem());
      assertEquals("mem:/vm-1/top.qcow2", e.location());
    }
  }

  @Test
  void aWriterRefusesAParentOutsideTheNewImagesFolder() throws Exception {
    MemoryImageStore store = new MemoryImageStore();
    store.createDirectories("vm-1");
    store.createDirectories("vm-2");
    write(store, "vm-2/p.qcow2", null, new byte[] {1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Qcow2Writer.create(
                    store,
                    "vm-1/i.qcow2",
                    Qcow2Options.full(SIZE).withBackingFile(Path.of("vm-2/p.qcow2"))));
    assertTrue(e.getMessage().contains("must be in the folder of"), e.getMessage());
  }

  @Test
  void anIncrementalOpensItsParentsReadOnly() throws Exception {
    MemoryImageStore store = new MemoryImageStore();
    write(store, "full.qcow2", null, TestData.mixed(4, SIZE));
    write(store, "inc1.qcow2", "full.qcow2", new byte[] {9, 9});
    write(store, "inc2.qcow2", "inc1.qcow2", new byte[] {7});
    assertEquals(
        Set.of("full.qcow2.partial", "inc1.qcow2.partial", "inc2.qcow2.partial"),
        store.openedWritable());
  }

  private static void write(MemoryImageStore store, String name, String parent, byte[] data)
      throws Exception {
    Qcow2Options o = Qcow2Options.full(SIZE);
    if (parent != null) {
      o = o.withBackingFile(Path.of(parent));
    }
    try (Qcow2Writer w = Qcow2Writer.create(store, name, o)) {
      w.write(0, ByteBuffer.wrap(data));
      w.commit();
    }
  }

  /** Rewrites the backing file name in an image's header, as a hostile or broken image would. */
  private static void setBackingName(MemoryImageStore store, String image, String name)
      throws Exception {
    try (ImageChannel ch = store.open(image, true)) {
      ByteBuffer head = ByteBuffer.allocate(1024);
      ch.readOrZero(head, 0);
      long at = head.getLong(8);
      byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
      ch.write(ByteBuffer.wrap(bytes), at);
      ch.write(ByteBuffer.allocate(4).putInt(0, bytes.length), 16);
    }
  }
}
