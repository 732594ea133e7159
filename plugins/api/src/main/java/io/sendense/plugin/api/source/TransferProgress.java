package io.sendense.plugin.api.source;

/**
 * What a disk upload reports while it runs, and how the host asks it to stop.
 *
 * <p>{@link #transferred} is called from the uploading thread after each piece; {@link #cancelled}
 * is polled between pieces and, once true, the upload stops with a {@link SourceException}.
 */
public interface TransferProgress {

  /** {@code bytes} more of the disk were sent (zeros included). */
  void transferred(long bytes);

  /** Whether the host wants the upload to stop. */
  boolean cancelled();

  /** Progress that nobody watches and that never cancels. */
  TransferProgress NONE =
      new TransferProgress() {
        @Override
        public void transferred(long bytes) {}

        @Override
        public boolean cancelled() {
          return false;
        }
      };
}
