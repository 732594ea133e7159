package io.sendense.image.guest;

import java.io.IOException;

/**
 * Where a file's content lives, one run at a time, so that a reader streams a huge or fragmented
 * file without mapping all of it up front. Instances may keep a cursor and serve one stream only.
 */
public interface ContentMap {
  /** Size of one allocation unit (block or cluster) in bytes. */
  int unitSize();

  /**
   * The run that holds logical unit {@code logical}; it starts at or before it and covers at least
   * that unit.
   */
  ContentRun find(long logical) throws IOException;
}
