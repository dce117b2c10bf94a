package io.mouthpiece.server.media;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * The visibly marked copy of a result (watermark_info.enabled): every frame gets "MOUTHPIECE" in
 * its lower right corner, the sound is kept. Decoded and encoded with the engine's own reader and
 * writer, so the copy has the result's size, rate, frame count and encoding.
 */
public final class Watermark {
  private static final String MARK = "MOUTHPIECE";
  /**
   * The frame height the mark is laid out for, at font scale 1: letters 22 px tall, about 4% of the
   * height. Other heights scale the whole layout with it, so the mark looks the same on any video.
   */
  private static final double LAYOUT_HEIGHT_PX = 600;
  /** Small videos keep at least half scale (11 px letters), so the mark stays readable. */
  private static final double MIN_SCALE = 0.5;
  /** Where the text starts, left of the right edge: MARK is 196 px wide at scale 1, leaving a 64 px margin. */
  private static final int START_FROM_RIGHT_PX = 260;
  /** Where the text's baseline is, above the bottom edge (MARK has no descenders: this is its margin). */
  private static final int BASELINE_FROM_BOTTOM_PX = 24;
  /** Stroke width of the letters at scale 1. */
  private static final int STROKE_PX = 2;
  /** The dark outline is drawn this much thicker than the letters: 1.5 px of it shows on each side. */
  private static final int OUTLINE_EXTRA_PX = 3;

  private Watermark() {}

  public static void copy(Path result, Path out) throws MediaException {
    try (VideoReader reader = VideoReader.open(result)) {
      VideoInfo info = reader.info();
      AudioStream sound = info.hasAudio()
          ? AudioReader.open(result, EncodeConfig.DEFAULT.audioSampleRate(), 2) : null;
      try (VideoWriter writer = VideoWriter.open(out, info.width(), info.height(), info.frameRate(), sound,
          EncodeConfig.DEFAULT)) {
        double scale = Math.max(MIN_SCALE, info.height() / LAYOUT_HEIGHT_PX);
        int thickness = (int) Math.max(1, Math.round(STROKE_PX * scale));
        Point at = new Point((int) (info.width() - START_FROM_RIGHT_PX * scale),
            (int) (info.height() - BASELINE_FROM_BOTTOM_PX * scale));
        Optional<VideoFrame> next;
        while ((next = reader.read()).isPresent()) {
          try (VideoFrame frame = next.get()) {
            // A dark outline under white text: readable on any background.
            opencv_imgproc.putText(frame.bgr(), MARK, at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, scale,
                new Scalar(0, 0, 0, 0), thickness + OUTLINE_EXTRA_PX, opencv_imgproc.LINE_AA, false);
            opencv_imgproc.putText(frame.bgr(), MARK, at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, scale,
                new Scalar(255, 255, 255, 0), thickness, opencv_imgproc.LINE_AA, false);
            writer.write(frame);
          }
        }
        writer.finish();
      }
    }
  }
}
