package io.mouthpiece.engine.testing;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.Rational;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameFilter;

/**
 * Clips with two faces and one voice, for telling who speaks: two of the repository's speaking
 * clips side by side (each scaled to the smaller height, as {@link TestMedia#sideBySide}), both
 * mouths moving, with the sound of only one at a time; or a speaking clip beside the first frame of
 * another held still, a real face that never speaks. Each clip runs at the left clip's nominal rate
 * for the shorter clip's length; the sound is mono at 48 kHz, each part at its own clip's timeline,
 * so a voice stays in step with its own face. Made with JavaCV and cached like {@link TestMedia}'s.
 */
public final class SpeakerClips {
  /** The soundtrack's rate. */
  public static final int RATE = 48_000;
  private static final String RECIPE = "v1";

  private SpeakerClips() {}

  /**
   * {@code left} and {@code right} side by side, the sound {@code left}'s own before {@code switchMs}
   * and {@code right}'s own from then on: 0 keeps only the right's, {@link Long#MAX_VALUE} only the left's.
   */
  public static Path twoSpeakers(String left, String right, long switchMs) {
    return twoSpeakers(left, right, switchMs, 1);
  }

  /**
   * The same with the left clip shown at {@code leftScale} of the height (centred, on black), so its
   * face is the smaller one.
   */
  public static Path twoSpeakers(String left, String right, long switchMs, double leftScale) {
    String name = String.format(Locale.ROOT, "two-speakers-%s-%s-%s%s-%s.mp4", TestMedia.stem(left), TestMedia.stem(right),
        switchMs == Long.MAX_VALUE ? "left" : switchMs == 0 ? "right" : "switch-" + switchMs,
        leftScale == 1 ? "" : String.format(Locale.ROOT, "-left-at-%.2f", leftScale), RECIPE);
    PcmAudio a = TestAudio.decode(TestMedia.video(left), RATE, 1);
    PcmAudio b = TestAudio.decode(TestMedia.video(right), RATE, 1);
    int cut = (int) Math.min(Integer.MAX_VALUE, Math.min(switchMs, Integer.MAX_VALUE / RATE) * RATE / 1000);
    float[] sound = new float[Math.max(a.frames(), b.frames())];
    for (int i = 0; i < sound.length; i++) {
      PcmAudio from = i < cut ? a : b;
      sound[i] = i < from.frames() ? from.samples()[i] : 0;
    }
    return make(name, left, right, false, new PcmAudio(sound, RATE, 1), leftScale);
  }

  /** {@code speaker} (with its own sound) on the left, the first frame of {@code still} held on the right. */
  public static Path speakerBesideStill(String speaker, String still) {
    String name = String.format(Locale.ROOT, "speaker-%s-beside-still-%s-%s.mp4", TestMedia.stem(speaker),
        TestMedia.stem(still), RECIPE);
    return make(name, speaker, still, true, TestAudio.decode(TestMedia.video(speaker), RATE, 1), 1);
  }

  private static Path make(String name, String left, String right, boolean rightStill, PcmAudio sound, double leftScale) {
    return MediaCache.get(name, out -> {
      try (HeldFrames l = new HeldFrames(TestMedia.video(left)); HeldFrames r = new HeldFrames(TestMedia.video(right))) {
        Rational fps = l.nominalRate();
        int height = Math.min(l.height(), r.height()) & ~1;
        int leftHeight = (int) Math.round(height * leftScale) & ~1;
        String graph = String.format(Locale.ROOT,
            "[0:v]scale=-2:%d,pad=iw:%d:0:(oh-ih)/2[a];[1:v]scale=-2:%d[b];[a][b]hstack=inputs=2,format=bgr24[v]",
            leftHeight, height, height);
        long endUs = rightStill ? l.endUs() : Math.min(l.endUs(), r.endUs());
        long frames = Math.floorDiv(endUs * fps.num() + fps.den() * 1_000_000L - 1, fps.den() * 1_000_000L);
        long lengthFrames = frames * fps.den() * RATE / fps.num();
        PcmAudio cut = new PcmAudio(java.util.Arrays.copyOf(sound.samples(), (int) lengthFrames), RATE, 1);
        try (FFmpegFrameFilter stack = HeldFrames.filter(graph, fps, l, r)) {
          try (ClipEncoder encoder = new ClipEncoder(out, stack.getImageWidth(), height, fps, cut)) {
            for (long n = 0; n < frames; n++) {
              long t = n * fps.den() * 1_000_000L / fps.num();
              stack.push(0, l.at(t));
              stack.push(1, r.at(rightStill ? 0 : t));
              encoder.writeReady(stack);
            }
            stack.push(0, null);
            stack.push(1, null);
            encoder.writeReady(stack);
            encoder.finish();
          }
        }
      }
    });
  }
}
