package io.mouthpiece.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.server.http.RangeHeader.Part;
import io.mouthpiece.server.http.RangeHeader.Unsatisfiable;
import io.mouthpiece.server.http.RangeHeader.Whole;
import org.junit.jupiter.api.Test;

/** Range headers against a 1000-byte file, as RFC 9110 §14 reads them. */
class RangeHeaderTest {
  private static RangeHeader.Answer read(String header) {
    return RangeHeader.read(header, 1000);
  }

  @Test
  void singleRangesArePartsClippedToTheFile() {
    assertEquals(new Part(0, 99), read("bytes=0-99"));
    assertEquals(new Part(0, 0), read("bytes=0-0"));
    assertEquals(new Part(900, 999), read("bytes=900-"));
    assertEquals(new Part(900, 999), read("bytes=-100"));
    assertEquals(new Part(0, 999), read("bytes=-5000"));
    assertEquals(new Part(990, 999), read("bytes=990-5000"));
    assertEquals(new Part(0, 999), read("bytes=0-99999999999999999999999"));
    assertEquals(new Part(5, 9), read("BYTES=5-9"), "the unit is case-insensitive");
    assertEquals(new Part(5, 9), read(" bytes=5-9 ,, "), "empty list elements and spaces around them are allowed");
  }

  @Test
  void nothingInsideTheFileIsUnsatisfiable() {
    assertEquals(new Unsatisfiable(), read("bytes=1000-"));
    assertEquals(new Unsatisfiable(), read("bytes=999999999-"));
    assertEquals(new Unsatisfiable(), read("bytes=99999999999999999999999-"));
    assertEquals(new Unsatisfiable(), read("bytes=-0"));
    assertEquals(new Unsatisfiable(), read("bytes=1000-1001, 2000-"));
    assertEquals(new Unsatisfiable(), RangeHeader.read("bytes=-10", 0), "an empty file has no suffix");
    assertEquals(new Unsatisfiable(), RangeHeader.read("bytes=0-", 0));
  }

  @Test
  void absentInvalidOrForeignRangesAreIgnored() {
    for (String header : new String[] {null, "", "bytes=", "bytes=,", "bytes=abc", "bytes=-", "bytes=--5", "bytes=1-2-3",
        "bytes=500-400", "bytes=0x10-20", "bytes=+5-9", "bytes = 5-9", "0-10", "items=0-10", "bytes=0-9,abc"}) {
      assertEquals(new Whole(), read(header), String.valueOf(header));
    }
  }

  @Test
  void severalRangesAreAnsweredWhole() {
    assertEquals(new Whole(), read("bytes=0-0,100-199"));
    assertEquals(new Whole(), read("bytes=0-0, -1"));
    assertEquals(new Whole(), read("bytes=0-9,5000-"), "one of them is inside the file");
  }
}
