package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.GenericModel;
import io.mouthpiece.engine.motion.LoudnessModel;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.motion.MotionModel;
import io.mouthpiece.engine.motion.MotionTrainer;
import io.mouthpiece.engine.motion.MouthRange;
import io.mouthpiece.engine.motion.PhonemeMotion;
import io.mouthpiece.engine.motion.SourceSpeech;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.speech.Phoneme;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The motion models a lip-sync can run with, as {@link MouthMotion}s: the trained one (adapted to
 * the speaker when the source teaches enough, else the generic model; see {@link MotionTrainer})
 * and the loudness baseline the evaluation compares against.
 */
public final class Motions {
  private Motions() {}

  /** The product's model: the shipped generic model, calibrated and adapted to the source (see {@link MotionTrainer}). */
  public static MouthMotion trained(MotionConfig config) {
    return using(source -> MotionTrainer.train(source, config));
  }

  /**
   * The same with another generic fallback, e.g. one fitted without the speaker being measured,
   * so that an evaluation never scores a speaker the model was trained on.
   */
  public static MouthMotion trained(MotionConfig config, GenericModel generic) {
    return using(source -> MotionTrainer.trainWithReport(source, config, generic).model());
  }

  /** The simplest engine: the mouth opens with the speech's loudness, in the speaker's own range. */
  public static MouthMotion loudness(MotionConfig config) {
    return using(source -> {
      MouthRange range = range(source, config);
      if (range == null) {
        throw new IllegalStateException("the loudness baseline needs a measured face: too few frames");
      }
      return new LoudnessModel(range, config);
    });
  }

  /**
   * The mouth driven by the phonemes of a piece (ms on the piece's timeline) in the speaker's own
   * range ({@link PhonemeMotion}); empty when the source shows too few measured mouths to know that
   * range, and the caller's audio-driven model is used instead.
   */
  static Optional<MouthMotion> phonemes(List<Phoneme> piece, MotionConfig config, SourceFace face) {
    MouthRange range = range(speech(face), config);
    if (range == null) {
      return Optional.empty();
    }
    PhonemeMotion model = new PhonemeMotion(piece, range);
    return Optional.of((source, audio, times) -> model.predict(audio, times).params());
  }

  /** The speaker's measured range; null below {@link MotionConfig#minMeasuredFrames()} measured frames. */
  private static MouthRange range(SourceSpeech source, MotionConfig config) {
    return MouthRange.measure(source.params(), source.closedParams(), config.minMeasuredFrames());
  }

  private static MouthMotion using(Function<SourceSpeech, MotionModel> fit) {
    return (face, piece, times) -> {
      MotionModel model = fit.apply(speech(face));
      return model.predict(piece, times).params();
    };
  }

  /** The motion package's view of the source: NaN rows for absent faces, silence for a silent video. */
  static SourceSpeech speech(SourceFace face) {
    double[][] rows = new double[face.params().length][];
    double[] missing = new double[MouthParams.COUNT];
    Arrays.fill(missing, Double.NaN);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = face.params()[i] == null ? missing : face.params()[i];
    }
    AudioFeatures sound = face.sound();
    if (sound == null) {
      double endSec = face.frameTimesSec().length == 0 ? 1 : face.frameTimesSec()[face.frameTimesSec().length - 1] + 1;
      int rate = AudioFeatures.SAMPLE_RATE;
      sound = AudioFeatures.of(new PcmAudio(new float[(int) (endSec * rate)], rate, 1));
    }
    return SourceSpeech.of(sound, face.frameTimesSec(), rows);
  }
}
