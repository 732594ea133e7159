package io.sendense.image.guest.ntfs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeTest {
  private static final int SPARSE = 0x8000;

  private static Attribute data(int flags, int compressionUnit) {
    return new Attribute(
        Attribute.DATA,
        "",
        flags,
        null,
        0,
        List.of(new Run(0, Run.SPARSE, 4)),
        16384,
        16384,
        compressionUnit);
  }

  @Test
  void sparseDataWithACompressionUnitIsNotCompressed() {
    assertFalse(data(SPARSE, 4).compressed(), "ntfs-3g gives sparse $DATA a compression unit");
  }

  @Test
  void theCompressionFlagMakesDataCompressed() {
    assertTrue(data(0x0001, 4).compressed());
    assertTrue(data(SPARSE | 0x0001, 4).compressed());
  }
}
