package io.mouthpiece.engine;

import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.FaceTrackBuilder;
import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.TrackOverlay;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.AudioPlan;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import io.mouthpiece.engine.sync.SyncJob;
import io.mouthpiece.engine.sync.SyncOptions;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The engine's one facade: what the command line and the service call. Streams the video once,
 * frame by frame; nothing here holds more than a few frames.
 */
public final class LipSync {
  private LipSync() {}

  /** Finds the faces of a video (Kling's identify-face): one track per continuous appearance. */
  public static Identification identify(Path video, IdentifyOptions options, Progress progress) throws MediaException {
    VideoReader reader = VideoReader.open(video);
    VideoInfo info = reader.info();
    int stride = options.stride(info.frameRate());
    try (ReadAhead frames = new ReadAhead(reader, index -> index % stride == 0);
        FaceTracker tracker = new FaceTracker(options.tracker());
        FaceTrackBuilder builder = new FaceTrackBuilder()) {
      VideoWriter overlay = options.debugOverlay() == null ? null : openOverlay(video, info, options);
      int analysed = 0;
      try {
        Optional<VideoFrame> next;
        while ((next = frames.read()).isPresent()) {
          try (VideoFrame frame = next.get()) {
            List<TrackedFace> faces = tracker.track(frame.bgr(), frame.timestampUs());
            builder.accept(frame.bgr(), frame.timestampUs(), faces, tracker.cutBefore());
            analysed++;
            if (overlay != null) {
              TrackOverlay.draw(frame.bgr(), faces, builder::faceIdOf);
              overlay.write(frame);
            }
            if (info.durationUs() > 0) {
              progress.update(Math.min(1.0, frame.timestampUs() / (double) info.durationUs()));
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
      progress.update(1.0);
      return new Identification(info, faces, count, analysed, faces.isEmpty() ? noFaceReason(options) : "");
    }
  }

  /**
   * Re-renders the chosen faces' mouths to speak new audio and writes the result (Kling's
   * advanced lip-sync): same resolution, frame rate, frame count and duration as the source.
   *
   * @throws io.mouthpiece.engine.sync.InvalidRequestException when the request breaks a rule
   *     (unknown face, timing), each violation naming its field
   */
  public static SyncResult sync(SyncRequest request, SyncOptions options, Progress progress) throws MediaException {
    return SyncJob.run(request, options, progress);
  }

  /** The overlay video keeps the source's own sound, so lip motion can be checked against it. */
  private static VideoWriter openOverlay(Path video, VideoInfo info, IdentifyOptions options) throws MediaException {
    int rate = options.encoding().audioSampleRate();
    AudioStream sound = info.hasAudio()
        ? new AudioPlan(List.of(), 1.0).mix(AudioReader.open(video, rate, 2), info.durationUs(), rate, 2)
        : null;
    return VideoWriter.open(options.debugOverlay(), info.width(), info.height(), info.frameRate(), sound, options.encoding());
  }

  private static String noFaceReason(IdentifyOptions options) {
    return "no face found (faces narrower than " + options.tracker().minFacePixels()
        + " px, turned away or covered are not detected)";
  }
}
