package io.mouthpiece.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.EncoderTap;
import io.mouthpiece.engine.sync.SyncConfig;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Digests of what one render hands its encoders: each picture with its frame number, and the sound.
 * Two renders that must be the same are compared through these, not through their files: x264's
 * macroblock tree reads memory nobody wrote at widths that are not a multiple of 64 (see {@link
 * EncoderTap}), so two encodes of the same frames may differ in a few bits of a frame or two; nothing
 * the engine decides does.
 */
public final class HandedOver implements EncoderTap {
  private final List<String> pictures = new ArrayList<>();
  private final MessageDigest sound = sha256();
  private long samples;

  /** {@code config}, with every writer it opens showing this record what it encodes. */
  public SyncConfig watching(SyncConfig config) {
    return config.withEncoding(config.encoding().withTap(this));
  }

  @Override
  public void picture(long frameNumber, ByteBuffer i420) {
    MessageDigest d = sha256();
    d.update(i420);
    pictures.add(frameNumber + ":" + HexFormat.of().formatHex(d.digest()));
  }

  @Override
  public void samples(FloatBuffer interleaved) {
    int count = interleaved.remaining();
    ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES);
    bytes.asFloatBuffer().put(interleaved);
    samples += count;
    sound.update(bytes);
  }

  /**
   * The same pictures at the same frame numbers and the same soundtrack handed to the encoders, bit
   * for bit; else which pictures differ.
   */
  public static void assertSame(HandedOver a, HandedOver b) {
    assertTrue(a.pictures.size() > 10, "every picture seen: " + a.pictures.size());
    assertEquals(a.pictures.size(), b.pictures.size(), "pictures handed over");
    List<Integer> differ = new ArrayList<>();
    for (int i = 0; i < a.pictures.size(); i++) {
      if (!a.pictures.get(i).equals(b.pictures.get(i))) {
        differ.add(i);
      }
    }
    assertEquals(List.of(), differ, "pictures that differ (frame number or pixels)");
    assertTrue(a.samples > 0, "the soundtrack is seen");
    assertEquals(a.samples, b.samples, "samples handed over");
    assertEquals(a.soundDigest(), b.soundDigest(), "the soundtrack's samples");
  }

  private String soundDigest() {
    return HexFormat.of().formatHex(sound.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
