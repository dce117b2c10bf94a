package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.rules.FaceRules;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.rules.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A dub checked against what the analysis found, every value known: its face named (the largest
 * where the request named none), its end worked out (where it ran to its audio's end, or was
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
   * none, or when, the largest put in, a face is chosen twice; else naming every face the video
   * does not show and every timing rule broken.
   */
  static List<ResolvedDub> resolveAll(List<DubSpeech.Piece> asked, double originalGain, AnalysisPass.Analysis analysis)
      throws MediaException {
    String largest = largestFaceIfNeeded(asked, analysis.tracks());
    if (largest != null) {
      // A request naming every face was checked before the walk; this one only now, with the largest put in.
      List<String> chosen = asked.stream().map(p -> faceOf(p.asked(), largest)).toList();
      InvalidRequestException.throwIfAny(FaceRules.checkDistinct(chosen));
    }
    List<String> videoFaces = analysis.tracks().stream().map(FaceTrack::faceId).toList();
    long videoMs = analysis.endUs() / 1000;
    List<Violation> problems = new ArrayList<>();
    List<ResolvedDub> resolved = new ArrayList<>();
    for (DubSpeech.Piece piece : asked) {
      int i = piece.index();
      FaceDub dub = piece.asked();
      String faceId = faceOf(dub, largest);
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
   * The largest face (largest on average over its frames, as identify measures it) when a dub
   * names none, else null. The analysis looked at every face for this, in the same walk, so no
   * second pass over the video is needed.
   */
  private static String largestFaceIfNeeded(List<DubSpeech.Piece> asked, List<FaceTrack> tracks) {
    Optional<DubSpeech.Piece> unnamed = asked.stream().filter(p -> p.asked().faceId() == null).findFirst();
    if (unnamed.isEmpty()) {
      return null;
    }
    return tracks.stream().max(Comparator.comparingDouble(FaceTrack::sizePx)).map(FaceTrack::faceId)
        .orElseThrow(() -> new InvalidRequestException(List.of(FaceRules.noFace(unnamed.get().index()))));
  }

  private static String faceOf(FaceDub dub, String largest) {
    return dub.faceId() != null ? dub.faceId() : largest;
  }
}
