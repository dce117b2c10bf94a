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

  private Watermark() {}

  public static void copy(Path result, Path out) throws MediaException {
    try (VideoReader reader = VideoReader.open(result)) {
      VideoInfo info = reader.info();
      AudioStream sound = info.hasAudio()
          ? AudioReader.open(result, EncodeConfig.DEFAULT.audioSampleRate(), 2) : null;
      try (VideoWriter writer = VideoWriter.open(out, info.width(), info.height(), info.frameRate(), sound,
          EncodeConfig.DEFAULT)) {
        double scale = Math.max(0.5, info.height() / 600.0);
        int thickness = (int) Math.max(1, Math.round(2 * scale));
        Point at = new Point((int) (info.width() - 260 * scale), (int) (info.height() - 24 * scale));
        Optional<VideoFrame> next;
        while ((next = reader.read()).isPresent()) {
          try (VideoFrame frame = next.get()) {
            // A dark outline under white text: readable on any background.
            opencv_imgproc.putText(frame.bgr(), MARK, at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, scale,
                new Scalar(0, 0, 0, 0), thickness + 3, opencv_imgproc.LINE_AA, false);
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
