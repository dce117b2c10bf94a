package io.mouthpiece.server.identify;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.speaker.FacesFound;
import io.mouthpiece.engine.speaker.WhoSpeaks;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.fetch.FetchException;
import io.mouthpiece.server.media.InputRejected;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.media.MediaRules;
import io.mouthpiece.server.store.StoredFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * identify-face (kling-api.md §1): gets the video (fetched or already held), runs the engine's
 * identify on it, keeps each face's crop as a file and the whole as a session for 24 h.
 * Identify is CPU-bound, so only a few run at once; the rest wait their turn.
 */
public final class IdentifyService {
  private final Inputs inputs;
  private final SessionStore sessions;
  private final ServerConfig config;
  private final Semaphore running;
  private final Clock clock;

  /** @param clock dates a new session, which expires {@code retention.sessions} after it */
  public IdentifyService(Inputs inputs, SessionStore sessions, ServerConfig config, Clock clock) {
    this.inputs = inputs;
    this.sessions = sessions;
    this.config = config;
    this.clock = clock;
    this.running = new Semaphore(config.media().identifyConcurrency(), true);
  }

  /**
   * The session and, when no face was found, why; who of its faces speaks when (not kept with the
   * session: tasks name their faces themselves), and the face a dub takes when it names none.
   *
   * @param defaultFaceId the face that speaks most, else the largest; null without a face
   */
  public record Result(Session session, String note, WhoSpeaks speaking, String defaultFaceId) {}

  public Result identify(String accountId, String videoUrl, String videoId) throws InterruptedException {
    StoredFile video;
    try {
      video = inputs.video(accountId, "video_url", videoUrl, "video_id", videoId);
    } catch (InputRejected e) {
      throw KlingException.invalidParameter(e.getMessage());
    } catch (FetchException e) {
      throw KlingException.invalidParameter(e.getMessage());
    }
    if (!running.tryAcquire(10, TimeUnit.MINUTES)) {
      throw new KlingException(KlingError.TIMEOUT, "identify-face: timed out waiting for a free identify slot");
    }
    FacesFound found;
    try {
      Path local = inputs.localPath(video);
      try {
        found = LipSync.identify(local, IdentifyConfig.DEFAULT, Progress.NONE);
      } catch (MediaException e) {
        throw KlingException.invalidParameter((videoId != null ? "video_id" : "video_url") + ": not a decodable video ("
            + MediaRules.withoutFileNames(e.getMessage(), Map.of(local, "the video")) + ")");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      running.release();
    }
    List<Session.Face> faces = new ArrayList<>();
    for (FaceTrack track : found.faces()) {
      faces.add(new Session.Face(track.faceId(), track.startMs(), track.endMs(), keepCrop(accountId, track)));
    }
    long now = clock.millis();
    // The container's stream duration can end at the last frame's start; a face track ends at its frame's end.
    long durationMs = Math.max(found.video().durationMs(), faces.stream().mapToLong(Session.Face::endMs).max().orElse(0));
    Session session = new Session(AccountStore.randomId(), accountId, video.id(), durationMs, faces, now,
        now + config.retention().sessions().toMillis());
    sessions.add(session);
    return new Result(session, found.faces().isEmpty() ? found.note() : "", found.speaking(),
        found.defaultFaceId().orElse(null));
  }

  private String keepCrop(String accountId, FaceTrack track) {
    return inputs.record(inputs.saveBytes(accountId, "image", "image/png", ".png", track.cropPng())).id();
  }
}
