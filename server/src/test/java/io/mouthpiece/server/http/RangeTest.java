package io.mouthpiece.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Byte ranges of a 1000-byte file, as RFC 9110 reads them. */
class RangeTest {
  @Test
  void singleRanges() {
    assertArrayEquals(new long[] {0, 99}, FileHandlers.bounds("0", "99", 1000));
    assertArrayEquals(new long[] {900, 999}, FileHandlers.bounds("900", "", 1000));
    assertArrayEquals(new long[] {900, 999}, FileHandlers.bounds("", "100", 1000));
    assertArrayEquals(new long[] {0, 999}, FileHandlers.bounds("", "5000", 1000));
    assertArrayEquals(new long[] {990, 999}, FileHandlers.bounds("990", "5000", 1000));
    assertNull(FileHandlers.bounds("1000", "", 1000));
    assertNull(FileHandlers.bounds("500", "400", 1000));
    assertNull(FileHandlers.bounds("", "", 1000));
    assertNull(FileHandlers.bounds("", "0", 1000));
  }
}
