package io.mouthpiece.engine.face;

import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.AudioPlan;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * Identify-face as one walk through a video. In: a video. Out: its faces as Kling face tracks
 * ({@link FaceTracker} + {@link FaceTrackBuilder}), optionally with a debug overlay video. Every
 * frame is decoded; {@link IdentifyConfig#analysisFps()} of them a second are looked at.
 */
public final class Identify {
  private Identify() {}

  /** The faces of a video; fails with a user-fit message when it is not a decodable video. */
  public static Identification run(Path video, IdentifyConfig config, Progress progress) throws MediaException {
    return run(video, config, progress, FaceObserver.NONE);
  }

  /** The same, telling {@code observer} of each face in each frame looked at, with its face_id. */
  public static Identification run(Path video, IdentifyConfig config, Progress progress, FaceObserver observer)
      throws MediaException {
    config.checkValidity();
    VideoReader reader = VideoReader.open(video);
    VideoInfo info = reader.info();
    int stride = config.stride(info.frameRate());
    progress.update(Progress.LOADING, 0);
    // Tracking never reports the job done: the last step is FINISHING's.
    DoubleConsumer tracked = progress.stage(Progress.TRACKING, 0, 0.99);
    try (ReadAhead frames = new ReadAhead(reader, index -> index % stride == 0);
        FaceTracker tracker = new FaceTracker(config.tracker());
        FaceTrackBuilder builder = new FaceTrackBuilder()) {
      VideoWriter overlay = config.debugOverlay() == null ? null : openOverlay(video, info, config);
      int analysed = 0;
      try {
        Optional<VideoFrame> next;
        while ((next = frames.read()).isPresent()) {
          try (VideoFrame frame = next.get()) {
            List<TrackedFace> faces = tracker.track(frame.bgr(), frame.timestampUs());
            builder.accept(frame.bgr(), frame.timestampUs(), faces, tracker.cutBefore());
            for (TrackedFace f : faces) {
              observer.accept(frame.timestampUs(), builder.faceIdOf(f.trackId()), f);
            }
            analysed++;
            if (overlay != null) {
              TrackOverlay.draw(frame.bgr(), faces, builder::faceIdOf);
              overlay.write(frame);
            }
            if (info.durationUs() > 0) {
              tracked.accept(frame.timestampUs() / (double) info.durationUs());
            }
          }
        }
        if (overlay != null) {
          overlay.finish();
        }
      } finally {
        if (overlay != null) {
          overlay.close();
        }
      }
      int count = frames.framesDecoded();
      if (count == 0) {
        throw new MediaException("no frame could be decoded from " + video.getFileName());
      }
      long endUs = info.endUs(frames.lastTimestampUs());
      List<FaceTrack> faces = builder.finish(endUs);
      progress.update(Progress.FINISHING, 1.0);
      return new Identification(info, faces, count, analysed, faces.isEmpty() ? noFaceReason(config) : "");
    }
  }

  /** The overlay video keeps the source's own sound, so lip motion can be checked against it. */
  private static VideoWriter openOverlay(Path video, VideoInfo info, IdentifyConfig config) throws MediaException {
    int rate = config.encoding().audioSampleRate();
    AudioStream sound = info.hasAudio()
        ? new AudioPlan(List.of(), 1.0).mix(AudioReader.open(video, rate, 2), info.durationUs(), rate, 2)
        : null;
    return VideoWriter.open(config.debugOverlay(), info.width(), info.height(), info.frameRate(), sound, config.encoding());
  }

  private static String noFaceReason(IdentifyConfig config) {
    return "no face found (faces narrower than " + config.tracker().minFacePixels()
        + " px, turned away or covered are not detected)";
  }
}
