package io.sendense.image.qcow2;

/** Runs qemu-io (from qemu-utils) to make guest writes in qemu-made test images. */
public final class QemuIo {
  private QemuIo() {}

  public static String ok(String... args) throws Exception {
    return QemuImg.okExec("qemu-io", args);
  }
}
