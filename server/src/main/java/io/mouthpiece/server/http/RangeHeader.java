package io.mouthpiece.server.http;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a representation of known length, as RFC 9110 §14 reads it:
 * the whole of it, one part of it, or nothing it has (416).
 *
 * <p>Only a header that parses and names the bytes unit is taken into account; a server may
 * ignore any other (§14.2), and answering the whole body is what a client must cope with anyway.
 * Several ranges are answered with the whole body too (also allowed by §14.2): a browser seeking
 * in a video asks for one, and multipart/byteranges would be code for nobody.
 */
final class RangeHeader {
  private static final Pattern SPEC = Pattern.compile("([0-9]*)-([0-9]*)");
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** How to answer a request: whole (200), a part (206), or unsatisfiable (416). */
  sealed interface Answer permits Whole, Part, Unsatisfiable {}

  /** The whole representation: no Range, one we ignore, or several ranges. */
  record Whole() implements Answer {}

  /** Bytes {@code first} to {@code last} inclusive, both inside the representation. */
  record Part(long first, long last) implements Answer {
    long length() {
      return last - first + 1;
    }
  }

  /** A valid bytes range that starts past the end (or a zero suffix): 416 with {@code bytes * /length}. */
  record Unsatisfiable() implements Answer {}

  private RangeHeader() {}

  /** Reads {@code header} (null when absent) against a representation of {@code length} bytes. */
  static Answer read(String header, long length) {
    if (header == null) {
      return new Whole();
    }
    String value = header.strip();
    int equals = value.indexOf('=');
    // Range units are case-insensitive (§14.1); anything but bytes is a unit we do not support.
    if (equals < 0 || !value.substring(0, equals).equalsIgnoreCase("bytes")) {
      return new Whole();
    }
    List<Answer> parts = new ArrayList<>();
    for (String element : value.substring(equals + 1).split(",", -1)) {
      String spec = element.strip();
      if (spec.isEmpty()) {
        continue; // empty list elements are allowed (§5.6.1.2)
      }
      Answer part = spec(spec, length);
      if (part == null) {
        return new Whole();
      }
      parts.add(part);
    }
    if (parts.isEmpty()) {
      return new Whole();
    }
    if (parts.stream().allMatch(p -> p instanceof Unsatisfiable)) {
      return new Unsatisfiable();
    }
    return parts.size() == 1 ? parts.get(0) : new Whole();
  }

  /** One range-spec (§14.1.1) as a part or unsatisfiable; null when it is not valid syntax. */
  private static Answer spec(String spec, long length) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      return null;
    }
    if (m.group(1).isEmpty()) {
      long suffix = number(m.group(2));
      return suffix == 0 || length == 0 ? new Unsatisfiable() : new Part(Math.max(0, length - suffix), length - 1);
    }
    long first = number(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : number(m.group(2));
    if (last < first) {
      return null; // an int-range whose last is before its first is invalid, not unsatisfiable
    }
    return first >= length ? new Unsatisfiable() : new Part(first, Math.min(last, length - 1));
  }

  /** Digits as a long, saturating: a position past Long.MAX_VALUE is past the end of any file. */
  private static long number(String digits) {
    return new BigInteger(digits).min(MAX).longValue();
  }
}
