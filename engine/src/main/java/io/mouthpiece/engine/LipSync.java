package io.mouthpiece.engine;

import io.mouthpiece.engine.cache.AnalysisCache;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.speaker.AttributionConfig;
import io.mouthpiece.engine.speaker.FacesFound;
import io.mouthpiece.engine.speaker.IdentifyWithSpeech;
import io.mouthpiece.engine.sync.SyncJob;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import java.nio.file.Path;

/**
 * The engine's one facade: what the command line and the service call. Every job streams the
 * video frame by frame; none holds more than a few frames.
 */
public final class LipSync {
  private LipSync() {}

  /**
   * Finds the faces of a video (Kling's identify-face): one track per continuous appearance, and
   * when each of them speaks (from its mouth against the video's own sound).
   */
  public static FacesFound identify(Path video, IdentifyConfig config, Progress progress) throws MediaException {
    OpenCvThreads.sequential();
    return IdentifyWithSpeech.run(video, config, AttributionConfig.DEFAULT, progress);
  }

  /**
   * Re-renders the chosen faces' mouths to speak new audio and writes the result (Kling's
   * advanced lip-sync): same resolution, frame rate, frame count and duration as the source, but
   * where a dub's sync mode extends the video for a piece longer than it (loop, bounce, remap).
   *
   * @throws io.mouthpiece.engine.sync.InvalidRequestException when the request breaks a rule
   *     (unknown face, timing), each violation naming its field
   */
  public static SyncResult sync(SyncRequest request, SyncConfig config, Progress progress) throws MediaException {
    return sync(request, config, null, progress);
  }

  /**
   * The same, reusing the analysis of a video synced before when {@code cache} holds it (and
   * keeping it there when not): the same frames and sound handed to the encoder, bit for bit,
   * without the first walk (x264 may still set a few bits of the file apart: see
   * {@link io.mouthpiece.engine.media.EncoderTap}).
   */
  public static SyncResult sync(SyncRequest request, SyncConfig config, AnalysisCache cache, Progress progress)
      throws MediaException {
    OpenCvThreads.sequential();
    return SyncJob.run(request, config, cache, progress);
  }
}
