package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.speaker.AttributionConfig;
import io.mouthpiece.engine.speaker.DefaultFace;
import io.mouthpiece.engine.speaker.HeardSpeech;
import io.mouthpiece.engine.speaker.MouthRecorder;
import io.mouthpiece.engine.speaker.MouthSeries;
import io.mouthpiece.engine.speaker.SpeakerAttribution;
import io.mouthpiece.engine.speaker.WhoSpeaks;
import io.mouthpiece.engine.rules.FaceRules;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.rules.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dub checked against what the analysis found, every value known: its face named (the default
 * where the request named none: the face that speaks most, else the largest), its end worked out (where it ran to its audio's end, or was
 * trimmed at the video's), its whole audio in hand for the mix, and its speech for the motion model.
 *
 * @param fadeOutMs how long its sound fades out before its end: {@link SyncMode#TRIM_FADE_MS} when
 *     trimmed, else 0
 */
record ResolvedDub(FaceDub dub, PcmAudio audio, DubSpeech.Piece speech, long fadeOutMs) {

  /**
   * Resolves every dub, in order. In: the dubs as asked, with their speech; the gain of the
   * video's own sound; the analysis. Out: one resolved dub each. Fails with an {@link
   * InvalidRequestException}: alone, when a dub left its face to the engine and the video shows
   * none, or when, the default face put in, a face is chosen twice; else naming every face the video
   * does not show and every timing rule broken.
   */
  static List<ResolvedDub> resolveAll(List<DubSpeech.Piece> asked, double originalGain, AnalysisPass.Analysis analysis,
      AudioFeatures sourceSound) throws MediaException {
    String byDefault = defaultFaceIfNeeded(asked, analysis, sourceSound);
    if (byDefault != null) {
      // A request naming every face was checked before the walk; this one only now, with the default face put in.
      List<String> chosen = asked.stream().map(p -> faceOf(p.asked(), byDefault)).toList();
      InvalidRequestException.throwIfAny(FaceRules.checkDistinct(chosen));
    }
    List<String> videoFaces = analysis.tracks().stream().map(FaceTrack::faceId).toList();
    long videoMs = analysis.endUs() / 1000;
    List<Violation> problems = new ArrayList<>();
    List<ResolvedDub> resolved = new ArrayList<>();
    for (DubSpeech.Piece piece : asked) {
      int i = piece.index();
      FaceDub dub = piece.asked();
      String faceId = faceOf(dub, byDefault);
      Optional<Violation> unseen = FaceRules.checkShown(i, faceId, videoFaces);
      if (unseen.isPresent()) {
        problems.add(unseen.get());
        continue;
      }
      FaceTrack track = analysis.tracks().get(videoFaces.indexOf(faceId));
      PcmAudio audio = piece.audio();
      long endMs = dub.endMs();
      if (endMs == FaceDub.TO_AUDIO_END) {
        // No end was given, so a too-short piece is the fault of a value that was: name that one alone.
        List<Violation> room = TimingRules.checkOpenEnd(i, dub.startMs(), dub.insertMs(), audio.durationMs(), videoMs,
            dub.mode());
        if (!room.isEmpty()) {
          problems.addAll(room);
          continue;
        }
        endMs = TimingRules.openEndMs(dub.startMs(), dub.insertMs(), audio.durationMs(), videoMs, dub.mode());
      }
      FaceDub known = dub.resolved(faceId, endMs);
      TimingRules.DubTiming timing = new TimingRules.DubTiming(known.startMs(), known.endMs(), known.insertMs(),
          known.gain(), originalGain);
      List<Violation> broken = TimingRules.check(i, timing, dub.mode(), audio.durationMs(), videoMs, track.startMs(),
          track.endMs());
      problems.addAll(broken);
      long fadeOutMs = 0;
      if (broken.isEmpty() && dub.mode() == SyncMode.TRIM && known.insertEndMs() > videoMs) {
        // Cut where the video ends; the rules made sure at least the least piece is left.
        known = known.resolved(faceId, known.startMs() + videoMs - known.insertMs());
        fadeOutMs = SyncMode.TRIM_FADE_MS;
      }
      resolved.add(new ResolvedDub(known, audio, piece, fadeOutMs));
    }
    InvalidRequestException.throwIfAny(problems);
    return resolved;
  }

  /**
   * When a dub names no face, the face that speaks most in the video's own sound (its first minute,
   * what the speaker model hears too), else the largest (largest on average over its frames, as
   * identify measures it): {@link DefaultFace}. Null when every dub names its face. The analysis
   * measured every face's mouth for this, in the same walk, so no second pass over the video is needed.
   */
  private static String defaultFaceIfNeeded(List<DubSpeech.Piece> asked, AnalysisPass.Analysis analysis,
      AudioFeatures sourceSound) {
    Optional<DubSpeech.Piece> unnamed = asked.stream().filter(p -> p.asked().faceId() == null).findFirst();
    if (unnamed.isEmpty()) {
      return null;
    }
    Map<String, MouthSeries> mouths = new LinkedHashMap<>();
    double[] times = new double[analysis.frames()];
    for (int i = 0; i < times.length; i++) {
      times[i] = analysis.frameTimesUs()[i] / 1e6;
    }
    for (FaceTrack track : analysis.tracks()) {
      FaceData face = analysis.faces().get(track.faceId());
      double[][] params = face == null ? new double[0][] : face.params(times.length);
      MouthRecorder one = new MouthRecorder();
      for (int i = 0; i < params.length; i++) {
        if (params[i] != null) {
          one.add(track.faceId(), times[i], params[i]);
        }
      }
      mouths.put(track.faceId(), one.series().getOrDefault(track.faceId(), MouthSeries.empty()));
    }
    WhoSpeaks speaking = SpeakerAttribution.of(mouths, sourceSound == null ? null : HeardSpeech.of(sourceSound),
        AttributionConfig.DEFAULT);
    return DefaultFace.of(speaking, analysis.tracks())
        .orElseThrow(() -> new InvalidRequestException(List.of(FaceRules.noFace(unnamed.get().index()))));
  }

  private static String faceOf(FaceDub dub, String byDefault) {
    return dub.faceId() != null ? dub.faceId() : byDefault;
  }
}
