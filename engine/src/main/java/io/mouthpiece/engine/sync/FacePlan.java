package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.media.BgrPatch;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.mouth.HeadPose;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.render.ExemplarSelector;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.render.MouthCompositor;
import io.mouthpiece.engine.report.FrameFate;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * What to draw for one face in every output frame: the chosen exemplar (or none) and how strongly,
 * from the wanted mouth per frame. In: the face's analysis, the output timeline (which source frame
 * each output frame shows, and when), the wanted params inside the dub window. Out: a per-frame
 * plan the render pass applies, placed by the face's landmarks in the source frame shown. Frames
 * outside the window, where the face is not seen or where its mouth is covered, are left alone
 * (the drawn mouth fading out before a covered frame and in after it); each frame's fate is
 * recorded for the quality report.
 */
final class FacePlan {
  private final FaceData face;
  private final int[] sourceFrames;
  private final int[] exemplar;
  private final boolean[] shut;
  private final double[] strength;
  /** What becomes of each frame: decided here, then by the render where the mouth cannot be drawn. */
  private final FrameFate[] fate;

  private FacePlan(FaceData face, int[] sourceFrames, ExemplarSelector.Selection selection, double[] strength,
      FrameFate[] fate) {
    this.face = face;
    this.sourceFrames = sourceFrames;
    this.exemplar = selection.exemplar();
    this.shut = selection.shut();
    this.strength = strength;
    this.fate = fate;
  }

  /**
   * @param wanted MouthParams per output frame, null outside the window or where the face is not seen
   * @param windowStartUs start of the dub window on the output's timeline
   * @param windowEndUs end of the dub window
   */
  static FacePlan of(FaceData face, OutputTimeline timeline, double[][] wanted, long windowStartUs, long windowEndUs,
      long crossFadeUs, ExemplarSelector selector) {
    long[] frameTimesUs = timeline.timesUs();
    int[] sources = timeline.sourceFrames();
    int n = frameTimesUs.length;
    HeadPose[] poses = new HeadPose[n];
    boolean[] covered = new boolean[n];
    for (int i = 0; i < n; i++) {
      poses[i] = face.pose(sources[i]);
      covered[i] = face.covered(sources[i]);
      if (poses[i] == null) {
        wanted[i] = null;
      }
    }
    ExemplarSelector.Selection chosen = face.library() == null
        ? ExemplarSelector.Selection.none(n) : selector.select(face.library(), wanted, poses);
    double[] strength = strengths(frameTimesUs, chosen.exemplar(), windowStartUs, windowEndUs, crossFadeUs);
    double[] uncovered = coverFades(frameTimesUs, covered, crossFadeUs);
    FrameFate[] fate = new FrameFate[n];
    for (int i = 0; i < n; i++) {
      boolean inWindow = frameTimesUs[i] >= windowStartUs && frameTimesUs[i] < windowEndUs;
      strength[i] *= uncovered[i];
      fate[i] = !inWindow ? FrameFate.OUTSIDE_WINDOW : poses[i] == null ? FrameFate.FACE_NOT_FOUND
          : covered[i] ? FrameFate.MOUTH_COVERED : uncovered[i] <= 0 ? FrameFate.BESIDE_COVERED
          : chosen.exemplar()[i] < 0 ? FrameFate.NO_MOUTHS
          : strength[i] <= 0 ? FrameFate.FADED_OUT : FrameFate.RENDERED;
    }
    return new FacePlan(face, sources, chosen, strength, fate);
  }

  /**
   * How strongly each frame's chosen mouth is drawn: 1 inside the window, ramping over
   * {@code crossFadeUs} at its edges, 0 outside it or where nothing was chosen.
   */
  static double[] strengths(long[] frameTimesUs, int[] chosen, long windowStartUs, long windowEndUs,
      long crossFadeUs) {
    int n = frameTimesUs.length;
    // Fade only where the window meets untouched frames: a window starting at the first frame (or
    // ending after the last) has nothing to blend with, and fading there would show the source's
    // own mouth, open or closed, against the new audio.
    boolean fadeIn = crossFadeUs > 0 && n > 0 && frameTimesUs[0] < windowStartUs;
    boolean fadeOut = crossFadeUs > 0 && n > 0 && frameTimesUs[n - 1] >= windowEndUs;
    double[] strength = new double[n];
    for (int i = 0; i < n; i++) {
      long t = frameTimesUs[i];
      if (chosen[i] < 0 || t < windowStartUs || t >= windowEndUs) {
        continue;
      }
      double in = fadeIn ? (t - windowStartUs) / (double) crossFadeUs : 1;
      double out = fadeOut ? (windowEndUs - t) / (double) crossFadeUs : 1;
      strength[i] = Math.max(0, Math.min(1, Math.min(in, out)));
    }
    return strength;
  }

  /**
   * How much of the drawn mouth each frame keeps because of covered frames: 0 where the mouth is
   * covered and for {@code crossFadeUs} either side (a guard), then rising over the next
   * {@code crossFadeUs}, so the drawn mouth fades out before something covers the mouth and back in
   * after, as at the window's edges; 1 where no covered frame is that near. The guard is there
   * because a frame is called covered once most of the lips are hidden: an object on its way in or
   * out already covers part of the lower face the mouth is drawn over in the frames either side.
   */
  static double[] coverFades(long[] frameTimesUs, boolean[] covered, long crossFadeUs) {
    int n = frameTimesUs.length;
    double[] keep = new double[n];
    java.util.Arrays.fill(keep, 1);
    for (int c = 0; c < n; c++) {
      if (!covered[c]) {
        continue;
      }
      keep[c] = 0;
      for (int d = -1; d <= 1; d += 2) {
        for (int i = c + d; i >= 0 && i < n && !covered[i]; i += d) {
          long gapUs = Math.abs(frameTimesUs[i] - frameTimesUs[c]);
          if (gapUs >= 2 * crossFadeUs) {
            break;
          }
          double ramp = crossFadeUs == 0 ? 1 : (gapUs - crossFadeUs) / (double) crossFadeUs;
          keep[i] = Math.min(keep[i], Math.max(0, ramp));
        }
      }
    }
    return keep;
  }

  /**
   * Draws this face's planned mouth onto the output frame (its index is the output's), if it has
   * one. Only the rectangle the mouth may change is handed to the compositor as BGR, so an I420
   * frame is converted there alone.
   */
  void render(VideoFrame frame) {
    int index = frame.index();
    if (index >= exemplar.length || exemplar[index] < 0 || strength[index] <= 0) {
      return;
    }
    MouthExemplar e = face.library().exemplars().get(exemplar[index]);
    FaceLandmarks target = face.at(sourceFrames[index]);
    Rect area = MouthCompositor.footprint(target, e, frame.width(), frame.height());
    if (area.width() <= 0 || area.height() <= 0) {
      fate[index] = FrameFate.OUTSIDE_PICTURE;
      return;
    }
    try (BgrPatch patch = BgrPatch.of(frame, area)) {
      if (!MouthCompositor.render(patch.bgr(), patch.x(), patch.y(), target, e, strength[index], shut[index])) {
        fate[index] = FrameFate.TOO_SMALL;
      }
    }
  }

  /** Each frame's fate, as planned and then rendered (complete once the render pass is done). */
  FrameFate[] fates() {
    return fate.clone();
  }

  /**
   * The aperture shown in each output frame ({@code own} is per output frame too): the drawn exemplar's (0 where drawn shut: the lip closer
   * presses the lips together), blended with the source's own by the cross-fade's strength; the
   * source's own ({@code own}) where nothing was drawn.
   */
  double[] drawnAperture(double[] own) {
    double[] shown = own.clone();
    for (int i = 0; i < fate.length; i++) {
      if (fate[i] != FrameFate.RENDERED) {
        continue;
      }
      double a = shut[i] ? 0 : face.library().exemplars().get(exemplar[i]).params()[MouthParams.APERTURE];
      shown[i] = Double.isNaN(own[i]) ? a : strength[i] * a + (1 - strength[i]) * own[i];
    }
    return shown;
  }
}
