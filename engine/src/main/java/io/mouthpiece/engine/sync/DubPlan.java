package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.AudioPiece;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.motion.PhonemeMotion;
import io.mouthpiece.engine.render.ExemplarSelector;
import io.mouthpiece.engine.speech.Phoneme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the render pass needs of one dub: the mouth to draw in every output frame (predicted
 * from its speech by the motion model, then chosen from the face's library) and the piece of audio
 * the mix places. Frames outside the dub's window, or where its face is not seen in the source
 * frame shown, get no mouth. A dub whose synthesiser told its phonemes has its mouth driven by
 * them ({@link PhonemeMotion}) instead of by its sound.
 *
 * @param byPhonemes whether the mouth was driven by the speech's phonemes rather than its sound
 */
record DubPlan(FacePlan face, AudioPiece piece, boolean byPhonemes) {
  /** The wanted mouth per output frame (null rows where none is drawn), and what drove it. */
  private record Wanted(double[][] params, boolean byPhonemes) {}

  /**
   * Plans every dub, in order. In: the resolved dubs, the analysis, the output's timeline, the
   * features of the video's own sound (null for a silent video). Out: one plan each.
   */
  static List<DubPlan> planAll(List<ResolvedDub> dubs, AnalysisPass.Analysis analysis, OutputTimeline timeline,
      AudioFeatures ownSound, SyncConfig config) throws MediaException {
    ExemplarSelector selector = new ExemplarSelector(config.selection());
    List<DubPlan> plans = new ArrayList<>();
    for (ResolvedDub resolved : dubs) {
      plans.add(of(resolved, analysis, timeline, ownSound, config, selector));
    }
    return plans;
  }

  private static DubPlan of(ResolvedDub resolved, AnalysisPass.Analysis analysis, OutputTimeline timeline,
      AudioFeatures ownSound, SyncConfig config, ExemplarSelector selector) throws MediaException {
    FaceDub dub = resolved.dub();
    FaceData face = analysis.faces().get(dub.faceId());
    long windowStartUs = dub.insertMs() * 1000;
    long windowEndUs = dub.insertEndMs() * 1000;
    Wanted wanted = wantedMouths(face, analysis.frameTimesUs(), timeline, windowStartUs, windowEndUs,
        resolved.speech().features(dub), ownSound, config.motion(), Phoneme.piece(dub.phonemes(), dub.startMs(),
            dub.endMs()));
    FacePlan plan = FacePlan.of(face, timeline, wanted.params(), windowStartUs, windowEndUs,
        config.crossFadeMs() * 1000, selector);
    return new DubPlan(plan, new AudioPiece(resolved.audio(), dub.startMs(), dub.endMs(), dub.insertMs(), dub.gain(),
        resolved.fadeOutMs()), wanted.byPhonemes());
  }

  /**
   * The mouth the motion model predicts from the speech for every output frame inside the window
   * where the face is seen (in the source frame it shows); null rows elsewhere, and all null for a
   * face with no library to draw from. The model learns the speaker from the source's own frames,
   * its first {@link SourceFace#MAX_TRAINING_US}. With {@code phonemes} (on the piece's timeline)
   * they drive the mouth, when the source shows enough of it to know the speaker's range.
   */
  private static Wanted wantedMouths(FaceData face, long[] sourceTimesUs, OutputTimeline timeline,
      long windowStartUs, long windowEndUs, AudioFeatures speech, AudioFeatures ownSound, MouthMotion motion,
      List<Phoneme> phonemes) {
    long[] times = timeline.timesUs();
    int[] shown = timeline.sourceFrames();
    List<Integer> inWindow = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= windowStartUs && times[i] < windowEndUs && face.seen(shown[i])) {
        inWindow.add(i);
      }
    }
    double[][] wanted = new double[times.length][];
    if (inWindow.isEmpty() || face.library() == null || face.library().size() == 0) {
      return new Wanted(wanted, false);
    }
    double[] pieceTimes = new double[inWindow.size()];
    for (int k = 0; k < pieceTimes.length; k++) {
      pieceTimes[k] = (times[inWindow.get(k)] - windowStartUs) / 1e6;
    }
    int taught = 0;
    while (taught < sourceTimesUs.length && sourceTimesUs[taught] < SourceFace.MAX_TRAINING_US) {
      taught++;
    }
    double[] sourceTimes = new double[taught];
    for (int i = 0; i < taught; i++) {
      sourceTimes[i] = sourceTimesUs[i] / 1e6;
    }
    SourceFace source = new SourceFace(sourceTimes, face.params(taught), ownSound);
    Optional<MouthMotion> byPhonemes = phonemes.isEmpty() ? Optional.empty()
        : Motions.phonemes(phonemes, MotionConfig.DEFAULT, source);
    double[][] predicted = byPhonemes.orElse(motion).predict(source, speech, pieceTimes);
    for (int k = 0; k < pieceTimes.length; k++) {
      wanted[inWindow.get(k)] = predicted[k];
    }
    return new Wanted(wanted, byPhonemes.isPresent());
  }
}
