package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.AudioPlan;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.FrameWorker;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * The second walk through the video. In: the request (the video, where to write, the gain of the
 * video's own sound), the analysis (frame count and length), the output's timeline, one plan per
 * dub. Out: the written file, every output frame re-encoded with the planned mouths drawn, the
 * soundtrack mixed from the video's own sound and every dub's piece. A frame no plan touches is
 * only re-encoded. Frames are encoded a few behind the drawing ({@link FrameWorker}). On the source's own timeline the video is decoded once, in order, and its
 * frames drawn on in place; an extended one reads the source frames in the timeline's order
 * ({@link TimelineFrames}). The video's own sound plays once, as it is, from the start: under an
 * extension there is only the new speech (looped or reversed, a voice would say its words twice
 * or backwards; slowed, it would drop in pitch).
 */
final class RenderPass {
  /** Frames drawn and waiting for the encoder: enough to ride out x264's uneven pace, a few MB each. */
  private static final int ENCODE_DEPTH = 3;

  private RenderPass() {}

  /** Renders; returns the seconds the encoder's thread was busy (see {@link FrameWorker#busySeconds}). */
  static double run(SyncRequest request, AnalysisPass.Analysis analysis, OutputTimeline timeline, List<DubPlan> plans,
      SyncConfig config, Progress progress) throws MediaException {
    VideoInfo info = analysis.info();
    int rate = config.encoding().audioSampleRate();
    AudioStream original = info.hasAudio() ? AudioReader.open(request.video(), rate, 2) : null;
    AudioPlan mix = new AudioPlan(plans.stream().map(DubPlan::piece).toList(), request.originalGain());
    AudioStream soundtrack = mix.mix(original, timeline.endUs(), rate, 2);
    if (timeline.isSource()) {
      // I420 frames, as the encoder takes them: only the rectangles mouths are drawn in go through BGR.
      try (ReadAhead frames = new ReadAhead(VideoReader.open(request.video(), VideoFrame.Layout.I420))) {
        return render(request, info, analysis.frames(), frames::read, plans, soundtrack, config, progress);
      }
    }
    try (TimelineFrames frames = new TimelineFrames(request.video(), timeline, info.width(), info.height())) {
      return render(request, info, timeline.frames(), frames::read, plans, soundtrack, config, progress);
    }
  }

  /** The next output frame, or empty at the end; the caller owns (and closes) each one. */
  private interface FrameSource {
    Optional<VideoFrame> next() throws MediaException;
  }

  /**
   * Draws and encodes every frame the source gives, with the soundtrack, {@code frames} of them as
   * the analysis counted (else the file changed under us, and the render fails once the file is
   * closed). Returns the encoder's busy seconds.
   */
  private static double render(SyncRequest request, VideoInfo info, int frames, FrameSource source,
      List<DubPlan> plans, AudioStream soundtrack, SyncConfig config, Progress progress) throws MediaException {
    int written = 0;
    double encodeSec;
    DoubleConsumer rendered = progress.stage(Progress.RENDERING, 0.5, 0.99);
    try (VideoWriter writer = VideoWriter.open(request.out(), info.width(), info.height(), info.frameRate(), soundtrack,
            config.encoding());
        FrameWorker encoder = new FrameWorker("encode-behind", ENCODE_DEPTH)) {
      Optional<VideoFrame> next;
      while ((next = source.next()).isPresent()) {
        drawAndWrite(next.get(), plans, encoder, writer);
        written++;
        rendered.accept(written / (double) frames);
      }
      progress.update(Progress.FINISHING, 0.99);
      encoder.finish();
      writer.finish();
      encodeSec = encoder.busySeconds();
    }
    if (written != frames) {
      throw new MediaException("the video gave " + written + " frames on the second reading and " + frames
          + " on the first; is the file changing?");
    }
    return encodeSec;
  }

  /** Draws every plan's mouth on the frame and hands it to the encoder's thread, which closes it. */
  private static void drawAndWrite(VideoFrame frame, List<DubPlan> plans, FrameWorker encoder, VideoWriter writer)
      throws MediaException {
    try {
      for (DubPlan plan : plans) {
        plan.face().render(frame);
      }
    } catch (RuntimeException e) {
      frame.close();
      throw e;
    }
    encoder.submit(frame, writer::write);
  }
}
