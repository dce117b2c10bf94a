package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.Background;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.Identification;
import io.mouthpiece.engine.face.Identify;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.MediaException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identify-face with who speaks when, in one walk through the video. In: a video. Out: its faces
 * ({@link Identify}) and their speaking ranges ({@link SpeakerAttribution}), the mouths measured on
 * the frames identify looks at anyway, while the video's sound is decoded on a thread of its own.
 */
public final class IdentifyWithSpeech {
  private IdentifyWithSpeech() {}

  /** The faces of a video and who of them speaks when. */
  public static FacesFound run(Path video, IdentifyConfig config, AttributionConfig attribution, Progress progress)
      throws MediaException {
    attribution.checkValidity();
    Background<HeardSpeech> sound = Background.start("identify-sound", () -> HeardSpeech.ofVideo(video));
    MouthRecorder mouths = new MouthRecorder();
    Identification found = Identify.run(video, config, progress, mouths);
    Map<String, MouthSeries> seen = mouths.series();
    Map<String, MouthSeries> faces = new LinkedHashMap<>();
    for (FaceTrack t : found.faces()) {
      faces.put(t.faceId(), seen.getOrDefault(t.faceId(), MouthSeries.empty()));
    }
    return new FacesFound(found, SpeakerAttribution.of(faces, sound.await(), attribution));
  }
}
