package io.sendense.image.qcow2;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Compresses and decompresses single clusters the way qemu does: zstd frames (one per cluster when
 * we write, possibly several when qemu wrote them) and raw deflate streams. Contexts are kept per
 * thread because creating them per cluster costs more than compressing a 64 KiB cluster.
 */
final class ClusterCodec {
  /** zstd level 1: about 2 GB/s per core, most of the gain of higher levels on disk images. */
  static final int ZSTD_LEVEL = 1;

  private static final ThreadLocal<ZstdCompressCtx> COMPRESS =
      ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);
  private static final ThreadLocal<Inflater> INFLATE =
      ThreadLocal.withInitial(() -> new Inflater(true));

  private ClusterCodec() {}

  /**
   * Compresses one cluster with zstd into {@code dst}; returns the compressed length, or -1 when
   * the result would not be smaller than the cluster (it is then stored plain).
   */
  static int compressZstd(byte[] src, int off, int len, byte[] dst) {
    try {
      return COMPRESS.get().compressByteArray(dst, 0, Math.min(dst.length, len - 1), src, off, len);
    } catch (ZstdException e) {
      return -1;
    }
  }

  /** Decompresses exactly {@code dstLen} bytes into {@code dst} from a compressed cluster. */
  static void decompress(
      String file, Compression type, byte[] src, int srcLen, byte[] dst, int dstLen)
      throws CorruptImageException {
    if (type == Compression.ZSTD) {
      zstd(file, src, srcLen, dst, dstLen);
    } else {
      deflate(file, src, srcLen, dst, dstLen);
    }
  }

  private static void zstd(String file, byte[] src, int srcLen, byte[] dst, int dstLen)
      throws CorruptImageException {
    int in = 0;
    int out = 0;
    ZstdDecompressCtx ctx = DECOMPRESS.get();
    try {
      while (out < dstLen) {
        long frame = in < srcLen ? Zstd.findFrameCompressedSize(src, in, srcLen - in) : -1;
        if (frame <= 0 || Zstd.isError(frame) || frame > srcLen - in) {
          throw new CorruptImageException(file, "compressed cluster is not a valid zstd stream");
        }
        out += ctx.decompressByteArray(dst, out, dstLen - out, src, in, (int) frame);
        in += (int) frame;
      }
    } catch (ZstdException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new CorruptImageException(file, "zstd cluster does not decompress: " + e.getMessage());
    }
  }

  private static void deflate(String file, byte[] src, int srcLen, byte[] dst, int dstLen)
      throws CorruptImageException {
    Inflater inflater = INFLATE.get();
    inflater.reset();
    inflater.setInput(src, 0, srcLen);
    int out = 0;
    try {
      while (out < dstLen) {
        int n = inflater.inflate(dst, out, dstLen - out);
        if (n == 0
            && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out += n;
      }
    } catch (DataFormatException e) {
      throw new CorruptImageException(
          file, "deflate cluster does not decompress: " + e.getMessage());
    }
    if (out < dstLen) {
      throw new CorruptImageException(
          file, "compressed cluster decompresses to " + out + " bytes instead of " + dstLen);
    }
  }
}
