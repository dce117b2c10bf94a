package io.mouthpiece.engine.mouth;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.media.RecordFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds the frames where something is in front of one face's mouth (a hand, a microphone, a
 * glass). In: the face's frames in time order, each with its landmarks. Out, once the video is
 * walked: per frame, whether the mouth is covered. The face's own frames are the reference
 * ({@link CoverModel}), so it is built only after all of them are seen. A frame is covered when
 * fewer than {@link #MIN_LIP_SHARE} of the face's usual lip-coloured share of its lips have the
 * lips' colour (more than half the lips hidden), when its lips stand out from the skin round them
 * by less than {@link #MIN_LIP_CONTRAST} of what they usually do (an object over both, even one
 * of the lips' colour), or when more than {@link #MAX_SKIN_OFF_SHARE} of the skin round the mouth
 * is unlike this face there (an object of any colour over most of it); a single such frame between
 * clean ones is not enough ({@link #MIN_RUN_FRAMES}). Each threshold is relative to this face's own
 * usual value (its median over the video), never to other people's.
 */
public final class MouthCover implements AutoCloseable {
  /** Covered when a frame's lip-coloured share falls under this fraction of the face's median share: more than half the lips hidden. */
  public static final double MIN_LIP_SHARE = 0.5;
  /**
   * Covered when the lips stand out from the skin round them by less than this fraction of how they
   * usually do: an object over both, of whatever colour, the lips' own included. A quarter, not a
   * half: a closed mouth's thin lips blend with the skin round them at this patch's resolution, so
   * clean frames of some faces fall to half (chosen after looking at retalking_face2, face3 and
   * sadtalker_WDA_AOC_000; the other speakers of the shared media were not looked at before measuring).
   */
  public static final double MIN_LIP_CONTRAST = 0.25;
  /** Covered when more than this share of the skin round the mouth is off: most of it. */
  public static final double MAX_SKIN_OFF_SHARE = 0.5;
  /**
   * The fewest consecutive frames a cover lasts: the lip contours the mesh gives can miss the lips
   * in a single frame (a fast opening), while a hand or a microphone in front of the mouth stays
   * longer than one frame (40 ms at 25 fps).
   */
  public static final int MIN_RUN_FRAMES = 2;
  /** The most patches the model is built from, spread over the video: enough for steady medians, bounded time. */
  private static final int MODEL_PATCHES = 300;

  /** Each frame's patch (3.3 kB) waits on disk for the model, so memory does not grow with the video. */
  private final RecordFile patches = new RecordFile(MouthPatch.BYTES, "mouth patches");
  private final BitSet seen = new BitSet();

  /** Looks at frame {@code frameIndex} of the face (each frame once; a frame without the face is not given). */
  public void add(int frameIndex, Mat bgr, FaceLandmarks l) {
    patches.write(frameIndex, ByteBuffer.wrap(MouthPatch.of(bgr, l)));
    seen.set(frameIndex);
  }

  private byte[] patch(int frameIndex) {
    ByteBuffer b = ByteBuffer.allocate(MouthPatch.BYTES);
    patches.read(frameIndex, b);
    return b.array();
  }

  @Override
  public void close() {
    patches.close();
  }

  /** Per frame up to {@code frames}, whether the mouth is covered (false where the face was not seen). */
  public boolean[] covered(int frames) {
    boolean[] covered = new boolean[frames];
    CoverModel.Score[] scores = scores(frames);
    double[] lipShares = Arrays.stream(scores).filter(s -> s != null && !Double.isNaN(s.lipShare()))
        .mapToDouble(CoverModel.Score::lipShare).sorted().toArray();
    if (lipShares.length == 0) {
      return covered;
    }
    double usual = lipShares[lipShares.length / 2];
    double[] contrasts = Arrays.stream(scores).filter(s -> s != null && !Double.isNaN(s.lipContrast()))
        .mapToDouble(CoverModel.Score::lipContrast).sorted().toArray();
    double usualContrast = contrasts.length == 0 ? 0 : contrasts[contrasts.length / 2];
    for (int i = 0; i < frames; i++) {
      CoverModel.Score s = scores[i];
      covered[i] = s != null && (s.lipShare() < MIN_LIP_SHARE * usual || s.lipContrast() < MIN_LIP_CONTRAST * usualContrast
          || s.skinOffShare() > MAX_SKIN_OFF_SHARE);
    }
    dropShortRuns(covered);
    return covered;
  }

  /** Each frame's measures against the face's model, null where the face is not seen. */
  private CoverModel.Score[] scores(int frames) {
    int[] frameIndices = seen.stream().filter(i -> i < frames).toArray();
    CoverModel.Score[] scores = new CoverModel.Score[frames];
    if (frameIndices.length == 0) {
      return scores;
    }
    List<byte[]> sample = new ArrayList<>();
    double step = Math.max(1.0, frameIndices.length / (double) MODEL_PATCHES);
    for (double k = 0; k < frameIndices.length; k += step) {
      sample.add(patch(frameIndices[(int) k]));
    }
    CoverModel model = CoverModel.of(sample);
    for (int i : frameIndices) {
      scores[i] = model.score(patch(i));
    }
    return scores;
  }

  /**
   * The covered frames and those within {@code marginUs} of one (by the frames' times), among the
   * first {@code frames}.
   */
  public static boolean[] near(boolean[] covered, long[] frameTimesUs, int frames, long marginUs) {
    boolean[] near = new boolean[frames];
    for (int c = 0; c < frames && c < covered.length; c++) {
      if (!covered[c]) {
        continue;
      }
      for (int i = c; i >= 0 && frameTimesUs[c] - frameTimesUs[i] <= marginUs; i--) {
        near[i] = true;
      }
      for (int i = c; i < frames && frameTimesUs[i] - frameTimesUs[c] <= marginUs; i++) {
        near[i] = true;
      }
    }
    return near;
  }

  private static void dropShortRuns(boolean[] covered) {
    int i = 0;
    while (i < covered.length) {
      if (!covered[i]) {
        i++;
        continue;
      }
      int end = i;
      while (end < covered.length && covered[end]) {
        end++;
      }
      if (end - i < MIN_RUN_FRAMES) {
        Arrays.fill(covered, i, end, false);
      }
      i = end;
    }
  }
}
