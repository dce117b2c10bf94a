package io.mouthpiece.server.task.api;

import io.mouthpiece.engine.rules.FaceRules;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.rules.Violation;
import io.mouthpiece.engine.speech.Phoneme;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.fetch.AddressPolicy;
import io.mouthpiece.server.fetch.FetchException;
import io.mouthpiece.server.identify.Session;
import io.mouthpiece.server.identify.SessionStore;
import io.mouthpiece.server.media.InputRejected;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.store.StoredFile;
import io.mouthpiece.server.speech.SpeechService;
import io.mouthpiece.server.task.KlingNames;
import io.mouthpiece.server.task.TaskPlan;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a create request against every rule that can be checked at once (kling-api.md §2: timing,
 * face, session, Base64, URL form) and turns it into the {@link TaskPlan} the job runs. A broken
 * rule is a 1201 naming its field. The timing rules are the engine's own ({@link TimingRules}),
 * named in Kling's words ({@link KlingNames}).
 */
public final class TaskRequests {
  private static final Pattern URL_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final KlingNames NAMES = KlingNames.faceChoose();
  private final SessionStore sessions;
  private final Inputs inputs;
  private final long maxAudioBytes;
  private final AddressPolicy policy;
  private final Duration sessionLife;
  private final Clock clock;
  private final SpeechService speech;

  /** @param clock tells an expired session, which may no longer be used */
  public TaskRequests(SessionStore sessions, Inputs inputs, SpeechService speech, ServerConfig config, Clock clock) {
    this.sessions = sessions;
    this.speech = speech;
    this.inputs = inputs;
    this.maxAudioBytes = config.media().maxAudioBytes();
    this.policy = new AddressPolicy(config.fetch().allowPrivateAddresses());
    this.sessionLife = config.retention().sessions();
    this.clock = clock;
  }

  /** The plan of an advanced lip-sync, and the session's video for parent_video. */
  public TaskPlan advanced(String accountId, AdvancedLipSyncRequest r) {
    String sessionId = required("session_id", r.sessionId());
    Session session = sessions.find(accountId, sessionId)
        .orElseThrow(() -> KlingException.invalidParameter("session_id: no session " + sessionId + " (unknown, or not yours)"));
    if (session.expiresAt() <= clock.millis()) {
      throw KlingException.invalidParameter("session_id: session expired (a session is valid for "
          + ConfigLoader.formatDuration(sessionLife) + " after identify-face)");
    }
    if (r.faceChoose() == null || r.faceChoose().isEmpty()) {
      throw KlingException.invalidParameter("face_choose: required, an array of at least 1 item");
    }
    checkCallback(r.callbackUrl());
    checkExternalId(r.externalTaskId());
    List<Violation> problems = new ArrayList<>();
    List<TaskPlan.Dub> dubs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<SyncMode> modes = new ArrayList<>();
    Double originalGain = null;
    for (int i = 0; i < r.faceChoose().size(); i++) {
      String p = "face_choose[" + i + "].";
      AdvancedLipSyncRequest.FaceChoose f = r.faceChoose().get(i);
      if (f == null) {
        throw KlingException.invalidParameter("face_choose[" + i + "]: must be an object");
      }
      String faceId = required(p + "face_id", f.faceId());
      int dub = i;
      Session.Face face = session.face(faceId).orElseThrow(() -> KlingException.invalidParameter(NAMES.message(List.of(
          FaceRules.checkShown(dub, faceId, session.faces().stream().map(Session.Face::faceId).toList()).orElseThrow()))));
      if (!seen.add(faceId)) {
        throw KlingException.invalidParameter(NAMES.message(List.of(FaceRules.chosenTwice(i, faceId))));
      }
      long start = required(p + "sound_start_time", f.soundStartTime());
      long end = required(p + "sound_end_time", f.soundEndTime());
      long insert = required(p + "sound_insert_time", f.soundInsertTime());
      double gain = f.soundVolume() == null ? 1.0 : f.soundVolume();
      double original = f.originalAudioVolume() == null ? 1.0 : f.originalAudioVolume();
      if (originalGain != null && original != originalGain) {
        throw KlingException.invalidParameter(p + "original_audio_volume: must be the same in every face_choose item"
            + " (the video has one soundtrack), got " + original + " and " + originalGain);
      }
      originalGain = original;
      TimingRules.DubTiming timing = new TimingRules.DubTiming(start, end, insert, gain, original);
      // [ours] sync_mode: what a piece longer than the room it has does (SyncMode); unknown is refused first.
      SyncMode.check(i, f.syncMode()).ifPresent(v -> {
        throw KlingException.invalidParameter(NAMES.message(List.of(v)));
      });
      SyncMode mode = SyncMode.orDefault(f.syncMode());
      modes.add(mode);
      problems.addAll(TimingRules.checkModes(modes));
      problems.addAll(TimingRules.checkRequest(i, timing, mode, session.durationMs(), face.startMs(), face.endMs()));
      if (!problems.isEmpty()) {
        throw KlingException.invalidParameter(NAMES.message(problems));
      }
      Audio audio = audio(accountId, p, f.audioId(), f.soundFile());
      // Audio held already (an upload, Base64) has a known length: a piece it cannot give is refused now.
      if (audio.durationMs() != null) {
        problems.addAll(TimingRules.checkAudio(i, timing, audio.durationMs()));
        if (!problems.isEmpty()) {
          throw KlingException.invalidParameter(NAMES.message(problems));
        }
      }
      dubs.add(new TaskPlan.Dub(p, faceId, audio.fileId(), audio.url(), start, end, insert, gain, face,
          f.syncMode() == null ? null : mode.wire(), null));
    }
    boolean watermark = r.watermarkInfo() != null && Boolean.TRUE.equals(r.watermarkInfo().enabled());
    return new TaskPlan(session.videoFileId(), null, dubs, originalGain, watermark, session.id());
  }

  /** The plan of the older endpoint: the largest face, the whole audio at 0. */
  public TaskPlan lipSync(String accountId, LipSyncRequest r) {
    if (r.input() == null) {
      throw KlingException.invalidParameter("input: required, an object");
    }
    LipSyncRequest.Input in = r.input();
    checkCallback(r.callbackUrl());
    checkExternalId(r.externalTaskId());
    if ((in.videoUrl() == null) == (in.videoId() == null)) {
      throw KlingException.invalidParameter("input.video_url: give exactly one of input.video_url or input.video_id");
    }
    String videoFileId = in.videoId();
    if (videoFileId != null) {
      String id = videoFileId;
      StoredFile video = inputs.findOwned(accountId, id)
          .orElseThrow(() -> KlingException.notFound(Inputs.noFile("input.video_id", id)));
      if (!"video".equals(video.kind())) {
        throw KlingException.invalidParameter("input.video_id: file " + id + " is " + video.kind() + ", not a video");
      }
    }
    if (in.videoUrl() != null) {
      checkUrl("input.video_url", in.videoUrl());
      videoFileId = inputs.ownFileId(in.videoUrl()).orElse(null);
    }
    String mode = required("input.mode", in.mode());
    Audio audio;
    String audioField;
    List<Phoneme> phonemes = null;
    if (mode.equals("text2video")) {
      // The words are spoken now: the task holds their sound as if it had been sent as a file.
      SpeechService.Spoken spoken = speech.speak(accountId, "input.",
          new SpeechService.Words(in.text(), in.voiceId(), in.voiceLanguage(), in.voiceSpeed()));
      audio = new Audio(spoken.file().id(), null, spoken.file().durationMs());
      phonemes = spoken.phonemes().isEmpty() ? null : spoken.phonemes();
      audioField = "text";
    } else if (mode.equals("audio2video")) {
      String type = required("input.audio_type", in.audioType());
      if (type.equals("url")) {
        audio = audioValue(accountId, "input.", required("input.audio_url", in.audioUrl()), "audio_url");
      } else if (type.equals("file")) {
        audio = audioValue(accountId, "input.", required("input.audio_file", in.audioFile()), "audio_file");
      } else {
        throw KlingException.invalidParameter("input.audio_type: must be url or file, got '" + type + "'");
      }
      audioField = "audio_" + type;
    } else {
      throw KlingException.invalidParameter("input.mode: must be audio2video or text2video, got '" + mode + "'");
    }
    TaskPlan.Dub dub = new TaskPlan.Dub("input.", null, audio.fileId(), audio.url(), 0, null, 0, 1.0, null, null,
        phonemes);
    // Audio held already has a known length: one it cannot give is refused now, as for advanced lip-sync.
    if (audio.durationMs() != null) {
      List<Violation> problems = TimingRules.checkAudio(0, dub.timing(1.0), audio.durationMs());
      if (!problems.isEmpty()) {
        throw KlingException.invalidParameter(KlingNames.lipSync(audioField).message(problems));
      }
    }
    return new TaskPlan(videoFileId, videoFileId == null ? in.videoUrl().strip() : null, List.of(dub), 1.0, false, null);
  }

  /** Where a dub's audio comes from: a held file now (with its length), or a URL the job fetches. */
  private record Audio(String fileId, String url, Long durationMs) {}

  private Audio audio(String accountId, String p, String audioId, String soundFile) {
    if ((audioId == null) == (soundFile == null)) {
      throw KlingException.invalidParameter(p + "sound_file: give exactly one of " + p + "audio_id or " + p + "sound_file");
    }
    return audioId != null ? held(accountId, p + "audio_id", audioId) : audioValue(accountId, p, soundFile, "sound_file");
  }

  /** A URL (fetched by the job, or ours) or Base64 audio (stored and checked now). */
  private Audio audioValue(String accountId, String p, String value, String name) {
    String field = p + name;
    String v = value.strip();
    Matcher scheme = URL_SCHEME.matcher(v);
    if (scheme.lookingAt() && !scheme.group(1).equalsIgnoreCase("http") && !scheme.group(1).equalsIgnoreCase("https")) {
      throw KlingException.invalidParameter(field + ": only an http/https URL or Base64 audio is accepted, got a "
          + scheme.group(1) + ":// URL");
    }
    if (scheme.lookingAt()) {
      Optional<String> own = inputs.ownFileId(v);
      if (own.isPresent()) {
        return held(accountId, field, own.get());
      }
      checkUrl(field, v);
      return new Audio(null, v, null);
    }
    int comma = v.indexOf(',');
    String base64 = v.startsWith("data:") && comma > 0 ? v.substring(comma + 1) : v;
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw KlingException.invalidParameter(field + ": neither an http/https URL nor valid Base64 audio");
    }
    if (bytes.length == 0) {
      throw KlingException.invalidParameter(field + ": empty audio");
    }
    if (bytes.length > maxAudioBytes) {
      throw KlingException.invalidParameter(field + ": the audio is " + bytes.length + " bytes, more than the limit of " + maxAudioBytes);
    }
    try {
      StoredFile f = inputs.audioBytes(accountId, field, bytes);
      return new Audio(f.id(), null, f.durationMs());
    } catch (InputRejected e) {
      throw KlingException.invalidParameter(e.getMessage());
    }
  }

  private Audio held(String accountId, String field, String id) {
    try {
      StoredFile f = inputs.audioById(accountId, field, id);
      return new Audio(f.id(), null, f.durationMs());
    } catch (InputRejected e) {
      throw KlingException.invalidParameter(e.getMessage());
    }
  }

  private void checkCallback(String url) {
    if (url != null) {
      checkUrl("callback_url", url);
    }
  }

  private static void checkExternalId(String id) {
    if (id != null && (id.isBlank() || id.length() > 200)) {
      throw KlingException.invalidParameter("external_task_id: must be 1 to 200 characters");
    }
  }

  /**
   * The URL's form, and its host against the address policy, as identify-face checks its own at
   * once. A host that does not resolve now may later: that one is left to the job to find.
   */
  private void checkUrl(String field, String url) {
    try {
      policy.check(field, AddressPolicy.parseHttpUrl(field, url));
    } catch (FetchException e) {
      if (!e.retryable()) {
        throw KlingException.invalidParameter(e.getMessage());
      }
    }
  }

  private static <T> T required(String field, T value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw KlingException.invalidParameter(field + ": required");
    }
    return value;
  }
}
