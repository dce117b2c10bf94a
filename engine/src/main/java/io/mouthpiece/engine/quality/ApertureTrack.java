package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.mouth.MouthShape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One face's mouth through a video, frame by frame. In: a video file (every frame is tracked,
 * {@link FaceTrackerConfig#DEFAULT}) and which face to measure. Out: per frame its own timestamp,
 * the chosen face's aperture ({@link MouthShape#aperture} of that frame's own mesh landmarks, unsmoothed), mouth shape
 * and inter-ocular distance, and where the mouth is in the picture. A frame without a face is NaN
 * (numbers) and null (shape): a normal value, never an error. Streams: frames are dropped as soon
 * as they are measured.
 *
 * @param timesSec presentation time of each frame, seconds from the file's start
 * @param aperture inner-lip gap over mouth width per frame; NaN where no face
 * @param shapes mouth shape per frame in face units; null where no face
 * @param interocularPx outer-eye-corner distance per frame in frame pixels; NaN where no face
 * @param mouthXPx centre of the outer lip contour per frame, frame pixels; NaN where no face
 * @param mouthYPx the same, y
 */
public record ApertureTrack(double[] timesSec, double[] aperture, MouthShape[] shapes, double[] interocularPx,
    double[] mouthXPx, double[] mouthYPx) {
  public ApertureTrack {
    int n = timesSec.length;
    if (aperture.length != n || shapes.length != n || interocularPx.length != n || mouthXPx.length != n
        || mouthYPx.length != n) {
      throw new IllegalArgumentException("series of different lengths: " + n + " times, " + aperture.length
          + " apertures, " + shapes.length + " shapes, " + interocularPx.length + " inter-ocular distances, "
          + mouthXPx.length + " and " + mouthYPx.length + " mouth positions");
    }
  }

  /** A track known only by its apertures (NaN: no face), e.g. made up for a test; no shapes or positions. */
  public static ApertureTrack ofApertures(double[] timesSec, double[] aperture) {
    double[] none = new double[timesSec.length];
    Arrays.fill(none, Double.NaN);
    return new ApertureTrack(timesSec, aperture, new MouthShape[timesSec.length], none, none, none);
  }

  /** The largest face of every frame of a video. */
  public static ApertureTrack measure(Path video) throws MediaException {
    return measure(video, FaceChoice.largest());
  }

  /** The chosen face of every frame of a video. */
  public static ApertureTrack measure(Path video, FaceChoice choice) throws MediaException {
    Recorder recorder = new Recorder(choice);
    try (ReadAhead frames = new ReadAhead(VideoReader.open(video));
        FaceTracker tracker = new FaceTracker(FaceTrackerConfig.DEFAULT)) {
      Optional<VideoFrame> next;
      while ((next = frames.read()).isPresent()) {
        try (VideoFrame frame = next.get()) {
          recorder.accept(frame.timestampUs(), tracker.track(frame.bgr(), frame.timestampUs()));
        }
      }
    }
    return recorder.finish();
  }

  /** Frames {@code from} (inclusive) to {@code to} (exclusive), times unchanged. */
  public ApertureTrack slice(int from, int to) {
    return new ApertureTrack(Arrays.copyOfRange(timesSec, from, to), Arrays.copyOfRange(aperture, from, to),
        Arrays.copyOfRange(shapes, from, to), Arrays.copyOfRange(interocularPx, from, to),
        Arrays.copyOfRange(mouthXPx, from, to), Arrays.copyOfRange(mouthYPx, from, to));
  }

  /** Number of frames. */
  public int size() {
    return timesSec.length;
  }

  /** Whether frame i has a face. */
  public boolean hasFace(int i) {
    return !Double.isNaN(aperture[i]);
  }

  /** Frames with a face. */
  public int facesFound() {
    int n = 0;
    for (double a : aperture) {
      n += Double.isNaN(a) ? 0 : 1;
    }
    return n;
  }

  /**
   * Builds a track from faces the caller tracks itself (e.g. while rendering, so the output is
   * measured without decoding it again). Frames must come in time order.
   */
  public static final class Recorder {
    private final FaceChoice choice;
    private double[] times = new double[256];
    private double[] apertures = new double[256];
    private MouthShape[] shapes = new MouthShape[256];
    private double[] interocular = new double[256];
    private double[] mouthX = new double[256];
    private double[] mouthY = new double[256];
    private int n;

    public Recorder(FaceChoice choice) {
      this.choice = choice;
    }

    /** One frame: its time and the faces the tracker found in it (possibly none). */
    public void accept(long timestampUs, List<TrackedFace> faces) {
      if (n == times.length) {
        times = Arrays.copyOf(times, 2 * n);
        apertures = Arrays.copyOf(apertures, 2 * n);
        shapes = Arrays.copyOf(shapes, 2 * n);
        interocular = Arrays.copyOf(interocular, 2 * n);
        mouthX = Arrays.copyOf(mouthX, 2 * n);
        mouthY = Arrays.copyOf(mouthY, 2 * n);
      }
      times[n] = timestampUs / 1e6;
      Optional<TrackedFace> face = choice.choose(faces);
      if (face.isPresent()) {
        // The mesh's own landmarks of this frame, not the tracker's smoothed ones: a meter reads each
        // frame as it is, and the 1€ filter's lag delays every measured closing by one to three frames.
        FaceLandmarks l = face.get().raw();
        apertures[n] = MouthShape.aperture(l);
        shapes[n] = MouthShape.of(l);
        interocular[n] = l.interocular();
        double x = 0;
        double y = 0;
        for (int p : FaceLandmarks.LIPS_OUTER) {
          x += l.x(p);
          y += l.y(p);
        }
        mouthX[n] = x / FaceLandmarks.LIPS_OUTER.length;
        mouthY[n] = y / FaceLandmarks.LIPS_OUTER.length;
      } else {
        apertures[n] = Double.NaN;
        shapes[n] = null;
        interocular[n] = Double.NaN;
        mouthX[n] = Double.NaN;
        mouthY[n] = Double.NaN;
      }
      n++;
    }

    /** The track of the frames accepted so far. */
    public ApertureTrack finish() {
      return new ApertureTrack(Arrays.copyOf(times, n), Arrays.copyOf(apertures, n), Arrays.copyOf(shapes, n),
          Arrays.copyOf(interocular, n), Arrays.copyOf(mouthX, n), Arrays.copyOf(mouthY, n));
    }
  }
}
