package io.sendense.image.guest.partition;

import java.util.Locale;
import java.util.Map;

/** Friendly names of well-known MBR type bytes and GPT type GUIDs. */
public final class PartitionTypes {
  public static final String LINUX_SWAP = "Linux swap";
  public static final String LINUX_LVM = "Linux LVM";

  private static final Map<Integer, String> MBR =
      Map.ofEntries(
          Map.entry(0x01, "FAT12"),
          Map.entry(0x04, "FAT16"),
          Map.entry(0x05, "Extended"),
          Map.entry(0x06, "FAT16"),
          Map.entry(0x07, "NTFS/exFAT"),
          Map.entry(0x0b, "FAT32"),
          Map.entry(0x0c, "FAT32 (LBA)"),
          Map.entry(0x0e, "FAT16 (LBA)"),
          Map.entry(0x0f, "Extended (LBA)"),
          Map.entry(0x27, "Windows recovery"),
          Map.entry(0x82, LINUX_SWAP),
          Map.entry(0x83, "Linux"),
          Map.entry(0x85, "Linux extended"),
          Map.entry(0x8e, LINUX_LVM),
          Map.entry(0xee, "GPT protective"),
          Map.entry(0xef, "EFI System"),
          Map.entry(0xfd, "Linux RAID"));

  private static final Map<String, String> GPT =
      Map.ofEntries(
          Map.entry("c12a7328-f81f-11d2-ba4b-00a0c93ec93b", "EFI System"),
          Map.entry("21686148-6449-6e6f-744e-656564454649", "BIOS boot"),
          Map.entry("e3c9e316-0b5c-4db8-817d-f92df00215ae", "Microsoft reserved"),
          Map.entry("ebd0a0a2-b9e5-4433-87c0-68b6b72699c7", "Microsoft basic data"),
          Map.entry("de94bba4-06d1-4d40-a16a-bfd50179d6ac", "Windows recovery"),
          Map.entry("5808c8aa-7e8f-42e0-85d2-e1e90434cfb3", "Windows LDM metadata"),
          Map.entry("af9b60a0-1431-4f62-bc68-3311714a69ad", "Windows LDM data"),
          Map.entry("0fc63daf-8483-4772-8e79-3d69d8477de4", "Linux filesystem"),
          Map.entry("4f68bce3-e8cd-4db1-96e7-fbcaf984b709", "Linux root (x86-64)"),
          Map.entry("bc13c2ff-59e6-4262-a352-b275fd6f7172", "Linux extended boot"),
          Map.entry("933ac7e1-2eb4-4f13-b844-0e14e2aef915", "Linux home"),
          Map.entry("0657fd6d-a4ab-43c4-84e5-0933c84b4f4f", LINUX_SWAP),
          Map.entry("e6d6d379-f507-44c2-a23c-238f2a3df928", LINUX_LVM),
          Map.entry("a19d880f-05fc-4d3b-a006-743f0f84911e", "Linux RAID"),
          Map.entry("6a898cc3-1dd2-11b2-99a6-080020736631", "ZFS"),
          Map.entry("48465300-0000-11aa-aa11-00306543ecac", "Apple HFS+"));

  private PartitionTypes() {}

  /** The name of an MBR type byte, e.g. {@code Linux} for 0x83. */
  public static String mbr(int type) {
    return MBR.getOrDefault(type, String.format("Unknown (0x%02x)", type));
  }

  /** The name of a GPT type GUID (any case), e.g. {@code Linux filesystem}. */
  public static String gpt(String guid) {
    return GPT.getOrDefault(guid.toLowerCase(Locale.ROOT), "Unknown (" + guid + ")");
  }

  static boolean isExtended(int type) {
    return type == 0x05 || type == 0x0f || type == 0x85;
  }
}
