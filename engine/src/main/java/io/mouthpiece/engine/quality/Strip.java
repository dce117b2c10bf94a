package io.mouthpiece.engine.quality;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A picture to look at rather than a table to read. In: a video, its {@link ApertureTrack}, the
 * audio it is judged against, a title. Out: a PNG {@link #WIDTH_PX} wide: the title; a row of
 * mouth close-ups at evenly spaced frames; under them, against time, the aperture, the speech
 * envelope (detrended, scaled to the aperture's spread), the audio's silent stretches shaded, the
 * closed-mouth threshold, and a marker at each close-up's time. Decodes the video once more,
 * keeping only the close-ups.
 */
public final class Strip {
  public static final int WIDTH_PX = 1600;
  private static final int MARGIN = 24;
  private static final int TITLE_H = 56;
  private static final int PLOT_H = 440;
  private static final int AXIS_W = 70;
  private static final int GAP = 8;
  private static final int LABEL_H = 44;
  /** Close-ups span the lower face: the eyes sit about one inter-ocular distance above the mouth. */
  private static final double CLOSE_UP_INTEROCULARS = 1.6;
  private static final Scalar WHITE = new Scalar(255, 255, 255, 0);
  private static final Scalar BLACK = new Scalar(20, 20, 20, 0);
  private static final Scalar GRID = new Scalar(225, 225, 225, 0);
  private static final Scalar SILENCE = new Scalar(238, 232, 226, 0);
  private static final Scalar APERTURE = new Scalar(170, 70, 20, 0);
  private static final Scalar ENVELOPE = new Scalar(0, 130, 245, 0);
  private static final Scalar MARKER = new Scalar(90, 90, 90, 0);
  private static final Scalar CLOSED = new Scalar(60, 150, 60, 0);

  private Strip() {}

  /** Writes the strip of {@code thumbnails} close-ups to {@code png}. */
  public static void write(Path png, Path video, ApertureTrack track, PcmAudio audio, String title, int thumbnails)
      throws MediaException {
    if (track.size() == 0 || thumbnails < 1) {
      throw new IllegalArgumentException("nothing to draw: " + track.size() + " frames, " + thumbnails + " close-ups");
    }
    int count = Math.min(thumbnails, track.size());
    int[] frames = new int[count];
    for (int k = 0; k < count; k++) {
      frames[k] = (int) ((k + 0.5) * track.size() / count);
    }
    int thumb = (WIDTH_PX - 2 * MARGIN - (count - 1) * GAP) / count;
    int plotTop = MARGIN + TITLE_H + thumb + LABEL_H + 36;
    try (Mat canvas = new Mat(plotTop + PLOT_H + 90, WIDTH_PX, opencv_core.CV_8UC3, WHITE)) {
      // Shrink a long title until it fits, rather than cut it off at the edge.
      double scale = 0.9;
      while (scale > 0.45 && textWidth(title, scale, 2) > WIDTH_PX - 2 * MARGIN) {
        scale -= 0.05;
      }
      text(canvas, title, MARGIN, MARGIN + 30, scale, 2, BLACK);
      Plot plot = new Plot(MARGIN + AXIS_W, plotTop, WIDTH_PX - 2 * MARGIN - AXIS_W, PLOT_H, track);
      drawCloseUps(canvas, video, track, frames, thumb, plot);
      plot.draw(canvas, audio, frames);
      if (!opencv_imgcodecs.imwrite(png.toString(), canvas)) {
        throw new MediaException("cannot write " + png);
      }
    }
  }

  /** Decodes the video again, keeping only the chosen frames, and pastes their mouths in a row. */
  private static void drawCloseUps(Mat canvas, Path video, ApertureTrack track, int[] frames, int thumb, Plot plot)
      throws MediaException {
    int top = MARGIN + TITLE_H;
    try (ReadAhead reader = new ReadAhead(VideoReader.open(video), index -> indexOf(frames, index) >= 0)) {
      Optional<VideoFrame> next;
      while ((next = reader.read()).isPresent()) {
        try (VideoFrame frame = next.get()) {
          int k = indexOf(frames, frame.index());
          int i = frames[k];
          int left = MARGIN + k * (thumb + GAP);
          try (Mat crop = closeUp(frame.bgr(), track, i); Mat small = new Mat();
              Mat target = canvas.apply(new Rect(left, top, thumb, thumb))) {
            resize(crop, small, new Size(thumb, thumb), 0, 0, INTER_AREA);
            small.copyTo(target);
          }
          rectangle(canvas, new Point(left, top), new Point(left + thumb - 1, top + thumb - 1), MARKER, 1, LINE_AA, 0);
          double a = track.aperture()[i];
          text(canvas, String.format(Locale.ROOT, "%.2f s", track.timesSec()[i]), left + 4, top + thumb + 18, 0.55, 1, BLACK);
          text(canvas, Double.isNaN(a) ? "no face" : String.format(Locale.ROOT, "aperture %.3f", a), left + 4,
              top + thumb + 38, 0.5, 1, APERTURE);
          // A connector from the close-up down to its marker on the time axis.
          line(canvas, new Point(left + thumb / 2, top + thumb + LABEL_H), new Point(plot.x(track.timesSec()[i]), plot.top),
              MARKER, 1, LINE_AA, 0);
        }
      }
    }
  }

  /** A square around the mouth, 1.6 inter-ocular distances wide (nose to chin); the frame's middle if no face. */
  private static Mat closeUp(Mat bgr, ApertureTrack track, int i) {
    if (!track.hasFace(i) || Double.isNaN(track.mouthXPx()[i])) {
      int side = Math.min(bgr.cols(), bgr.rows());
      return new Mat(bgr, new Rect((bgr.cols() - side) / 2, (bgr.rows() - side) / 2, side, side)).clone();
    }
    int side = (int) Math.min(Math.min(bgr.cols(), bgr.rows()), Math.round(CLOSE_UP_INTEROCULARS * track.interocularPx()[i]));
    int x = clamp((int) Math.round(track.mouthXPx()[i] - side / 2.0), 0, bgr.cols() - side);
    int y = clamp((int) Math.round(track.mouthYPx()[i] - side / 2.0), 0, bgr.rows() - side);
    return new Mat(bgr, new Rect(x, y, side, side)).clone();
  }

  /** The plot area and its scales: seconds to x pixels, aperture to y pixels. */
  private static final class Plot {
    final int left;
    final int top;
    final int width;
    final int height;
    final ApertureTrack track;
    final double endSec;
    final double maxAperture;

    Plot(int left, int top, int width, int height, ApertureTrack track) {
      this.left = left;
      this.top = top;
      this.width = width;
      this.height = height;
      this.track = track;
      double[] t = track.timesSec();
      this.endSec = t.length > 1 ? t[t.length - 1] + (t[t.length - 1] - t[0]) / (t.length - 1) : t[0] + 0.04;
      double max = SilenceClosure.CLOSED_APERTURE * 2;
      for (double a : track.aperture()) {
        max = Double.isNaN(a) ? max : Math.max(max, a);
      }
      this.maxAperture = Math.ceil(max * 1.15 * 20) / 20;
    }

    int x(double sec) {
      return left + (int) Math.round(sec / endSec * width);
    }

    int y(double aperture) {
      double v = Math.max(-0.05 * maxAperture, Math.min(1.05 * maxAperture, aperture));
      return top + height - (int) Math.round(v / maxAperture * height);
    }

    void draw(Mat canvas, PcmAudio audio, int[] frames) {
      for (SilenceClosure.Stretch s : SilenceClosure.silentStretches(audio)) {
        rectangle(canvas, new Point(x(s.startSec()), top), new Point(Math.min(left + width, x(s.endSec())), top + height),
            SILENCE, FILLED, LINE_AA, 0);
      }
      axes(canvas);
      for (int x = left; x < left + width; x += 12) {
        int y = y(SilenceClosure.CLOSED_APERTURE);
        line(canvas, new Point(x, y), new Point(Math.min(x + 6, left + width), y), CLOSED, 1, LINE_AA, 0);
      }
      for (int i : frames) {
        line(canvas, new Point(x(track.timesSec()[i]), top), new Point(x(track.timesSec()[i]), top + height), MARKER, 1, LINE_AA, 0);
      }
      curve(canvas, envelopeTimes(), scaledEnvelope(audio), ENVELOPE);
      curve(canvas, track.timesSec(), track.aperture(), APERTURE);
      legend(canvas);
    }

    private void axes(Mat canvas) {
      double step = endSec <= 12 ? 0.5 : endSec <= 30 ? 1 : endSec <= 120 ? 5 : 30;
      for (double s = 0; s <= endSec + 1e-9; s += step) {
        line(canvas, new Point(x(s), top), new Point(x(s), top + height), GRID, 1, LINE_AA, 0);
        String label = step < 1 ? String.format(Locale.ROOT, "%.1f", s) : String.format(Locale.ROOT, "%.0f", s);
        text(canvas, label, x(s) - textWidth(label, 0.5, 1) / 2, top + height + 22, 0.5, 1, BLACK);
      }
      text(canvas, "time (s)", left + width / 2 - 30, top + height + 48, 0.55, 1, BLACK);
      for (double a = 0; a <= maxAperture + 1e-9; a += 0.05) {
        line(canvas, new Point(left, y(a)), new Point(left + width, y(a)), GRID, 1, LINE_AA, 0);
        text(canvas, String.format(Locale.ROOT, "%.2f", a), left - 50, y(a) + 5, 0.5, 1, APERTURE);
      }
      rectangle(canvas, new Point(left, top), new Point(left + width, top + height), BLACK, 1, LINE_AA, 0);
    }

    private void legend(Mat canvas) {
      int x = left + 12;
      int y = top + height + 76;
      x = legendItem(canvas, x, y, APERTURE, "mouth aperture (inner-lip gap / mouth width)");
      x = legendItem(canvas, x, y, ENVELOPE, "speech envelope (300-3000 Hz log energy, detrended, scaled)");
      x = legendItem(canvas, x, y, CLOSED, String.format(Locale.ROOT, "closed below %.2f", SilenceClosure.CLOSED_APERTURE));
      rectangle(canvas, new Point(x, y - 12), new Point(x + 30, y + 4), SILENCE, FILLED, LINE_AA, 0);
      text(canvas, "silence >= 300 ms", x + 38, y, 0.5, 1, BLACK);
    }

    private int legendItem(Mat canvas, int x, int y, Scalar colour, String label) {
      line(canvas, new Point(x, y - 4), new Point(x + 30, y - 4), colour, 3, LINE_AA, 0);
      text(canvas, label, x + 38, y, 0.5, 1, BLACK);
      return x + 38 + textWidth(label, 0.5, 1) + 30;
    }

    /** Every 10 ms: finer than frames, so the envelope's own shape shows. */
    private double[] envelopeTimes() {
      double[] t = new double[(int) (endSec / 0.01)];
      for (int i = 0; i < t.length; i++) {
        t[i] = i * 0.01;
      }
      return t;
    }

    /** The detrended envelope given the aperture's mean and spread, so the two overlay. */
    private double[] scaledEnvelope(PcmAudio audio) {
      double[] t = envelopeTimes();
      double[] e = Detrend.detrend(t, SpeechEnvelope.of(audio).energyDb(t));
      double[] z = Correlation.zScore(e);
      double mean = 0;
      double ss = 0;
      int n = 0;
      for (double a : track.aperture()) {
        if (!Double.isNaN(a)) {
          mean += a;
          ss += a * a;
          n++;
        }
      }
      mean = n == 0 ? maxAperture / 2 : mean / n;
      double sd = n == 0 ? maxAperture / 6 : Math.sqrt(Math.max(0, ss / n - mean * mean));
      double[] out = new double[z.length];
      for (int i = 0; i < z.length; i++) {
        out[i] = Double.isNaN(z[i]) ? mean : mean + sd * z[i];
      }
      return out;
    }

    private void curve(Mat canvas, double[] times, double[] values, Scalar colour) {
      for (int i = 1; i < times.length; i++) {
        if (!Double.isNaN(values[i - 1]) && !Double.isNaN(values[i])) {
          line(canvas, new Point(x(times[i - 1]), y(values[i - 1])), new Point(x(times[i]), y(values[i])), colour, 2, LINE_AA, 0);
        }
      }
    }
  }

  private static void text(Mat canvas, String s, int x, int y, double scale, int thickness, Scalar colour) {
    putText(canvas, s, new Point(x, y), FONT_HERSHEY_SIMPLEX, scale, colour, thickness, LINE_AA, false);
  }

  private static int textWidth(String s, double scale, int thickness) {
    int[] baseline = new int[1];
    return getTextSize(s, FONT_HERSHEY_SIMPLEX, scale, thickness, baseline).width();
  }

  private static int indexOf(int[] frames, int index) {
    for (int k = 0; k < frames.length; k++) {
      if (frames[k] == index) {
        return k;
      }
    }
    return -1;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
