package io.sendense.image.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** The LUKS building blocks against independent oracles: the JDK's PBKDF2 and IEEE 1619. */
class LuksPrimitivesTest {
  @Test
  void pbkdf2MatchesTheJdkForAsciiPasswords() throws Exception {
    Random random = new Random(7);
    SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    for (int round = 0; round < 20; round++) {
      char[] password = new char[1 + random.nextInt(100)];
      for (int i = 0; i < password.length; i++) {
        password[i] = (char) (33 + random.nextInt(90));
      }
      byte[] salt = new byte[32];
      random.nextBytes(salt);
      int iterations = 1 + random.nextInt(3000);
      int length = 1 + random.nextInt(100);
      byte[] expected =
          jdk.generateSecret(new PBEKeySpec(password, salt, iterations, length * 8)).getEncoded();
      byte[] ours =
          Pbkdf2.sha256(
              new String(password).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              salt,
              iterations,
              length);
      assertArrayEquals(expected, ours, "round " + round);
    }
  }

  @Test
  void xtsMatchesIeee1619Vector10() {
    byte[] key =
        HexFormat.of()
            .parseHex(
                "2718281828459045235360287471352662497757247093699959574966967627"
                    + "3141592653589793238462643383279502884197169399375105820974944592");
    byte[] data = new byte[512];
    for (int i = 0; i < 512; i++) {
      data[i] = (byte) i;
    }
    XtsAes xts = new XtsAes(key);
    xts.encrypt(data, 0, 512, 0xff);
    assertEquals(
        "1c3b3a102f770386e4836c99e370cf9bea00803f5e482357a4ae12d414a3e63b",
        HexFormat.of().formatHex(data, 0, 32));
    xts.decrypt(data, 0, 512, 0xff);
    for (int i = 0; i < 512; i++) {
      assertEquals((byte) i, data[i]);
    }
  }

  @Test
  void xtsSectorsAreIndependentOfHowARunIsSplit() {
    byte[] key = new byte[64];
    new Random(3).nextBytes(key);
    byte[] plain = new byte[300 * 512];
    new Random(4).nextBytes(plain);
    XtsAes xts = new XtsAes(key);
    byte[] whole = plain.clone();
    xts.encrypt(whole, 0, whole.length, 1000);
    byte[] pieces = plain.clone();
    xts.encrypt(pieces, 0, 512 * 7, 1000);
    xts.encrypt(pieces, 512 * 7, plain.length - 512 * 7, 1007);
    assertArrayEquals(whole, pieces);
    assertFalse(Arrays.equals(plain, whole));
    assertThrows(IllegalArgumentException.class, () -> xts.encrypt(pieces, 0, 100, 0));
  }

  @Test
  void antiForensicSplitRoundTripsAndNeedsEveryStripe() {
    byte[] key = new byte[64];
    new Random(5).nextBytes(key);
    byte[] split = AfSplitter.split(key, 4000, new SecureRandom());
    assertEquals(64 * 4000, split.length);
    assertArrayEquals(key, AfSplitter.merge(split, 64, 4000));
    split[1234] ^= 1;
    assertFalse(Arrays.equals(key, AfSplitter.merge(split, 64, 4000)));
  }

  @Test
  void headerUnlocksWithItsPassphraseOnlyAndRefusesHostileFields() throws Exception {
    LuksHeader.Created created =
        LuksHeader.create(Passphrase.of("right horse"), 1000, new SecureRandom());
    byte[] area = created.area();
    LuksHeader header = LuksHeader.parse(Arrays.copyOf(area, 592), area.length);
    LuksHeader.AreaReader reader =
        (off, len) -> Arrays.copyOfRange(area, (int) off, (int) off + len);
    byte[] master = header.unlock(Passphrase.of("right horse"), reader);
    assertNotNull(master);
    assertArrayEquals(created.masterKey(), master);
    assertNull(header.unlock(Passphrase.of("wrong horse"), reader));

    byte[] hostile = Arrays.copyOf(area, 592);
    java.nio.ByteBuffer.wrap(hostile).putInt(208 + 4, -1);
    LuksFormatException e =
        assertThrows(LuksFormatException.class, () -> LuksHeader.parse(hostile, area.length));
    assertEquals(
        "key slot 0 has 4294967295 PBKDF2 iterations (1..20000000 accepted)", e.getMessage());
    byte[] outside = Arrays.copyOf(area, 592);
    java.nio.ByteBuffer.wrap(outside).putInt(208 + 40, 4000);
    assertThrows(LuksFormatException.class, () -> LuksHeader.parse(outside, area.length));
    byte[] serpent = Arrays.copyOf(area, 592);
    serpent[8] = 's';
    assertThrows(LuksFormatException.class, () -> LuksHeader.parse(serpent, area.length));
  }

  @Test
  void generatedPassphrasesGetTheMinimumStretchPeopleChosenOnesTheDefault() {
    assertEquals(1000, LuksHeader.slotIterations(Passphrase.generated("A".repeat(43))));
    assertEquals(100_000, LuksHeader.slotIterations(Passphrase.of("A".repeat(43))));
    assertThrows(IllegalArgumentException.class, () -> Passphrase.generated("short"));
  }

  @Test
  void passphraseIsNeverPrintedAndNeverEmpty() {
    assertEquals("Passphrase[redacted]", Passphrase.of("secret").toString());
    assertThrows(IllegalArgumentException.class, () -> Passphrase.of(""));
  }
}
