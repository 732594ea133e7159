package io.sendense.batch.backup;

import java.nio.ByteBuffer;

/**
 * One item of the transfer step: bytes read from the source at a disk offset.
 *
 * @param offset disk offset of the first byte
 * @param data the bytes, positioned for reading
 */
record Block(long offset, ByteBuffer data) {}
