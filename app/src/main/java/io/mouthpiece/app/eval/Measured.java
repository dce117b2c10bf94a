package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.quality.ApertureTrack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Measurements the evaluation needs more than once, each made once: mouth tracks and decoded speech. */
final class Measured {
  private final Map<Path, ApertureTrack> tracks = new HashMap<>();
  private final Map<Path, PcmAudio> sounds = new HashMap<>();

  ApertureTrack track(Path video) throws MediaException {
    ApertureTrack t = tracks.get(video);
    if (t == null) {
      t = ApertureTrack.measure(video);
      tracks.put(video, t);
    }
    return t;
  }

  PcmAudio sound(Path file) throws MediaException {
    PcmAudio a = sounds.get(file);
    if (a == null) {
      a = AudioReader.decode(file, Clips.RATE, 1, 120_000);
      sounds.put(file, a);
    }
    return a;
  }
}
