package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A video re-encoded as the render pass re-encodes frames it leaves alone: decoded as I420 and
 * encoded at the same settings, with no colour conversion on the way. What re-encoding alone does
 * to a frame, for telling a drawn pixel from encoder noise.
 */
final class ReEncoded {
  private ReEncoded() {}

  static Path of(Path video, Path out) throws Exception {
    try (VideoReader r = VideoReader.open(video, VideoFrame.Layout.I420);
        VideoWriter w = VideoWriter.open(out, r.info().width(), r.info().height(), r.info().frameRate(), null,
            EncodeConfig.DEFAULT)) {
      Optional<VideoFrame> f;
      while ((f = r.read()).isPresent()) {
        try (VideoFrame frame = f.get()) {
          w.write(frame);
        }
      }
      w.finish();
    }
    return out;
  }
}
