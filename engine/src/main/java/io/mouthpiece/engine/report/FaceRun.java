package io.mouthpiece.engine.report;

import io.mouthpiece.engine.mouth.MouthLibrary;
import java.util.List;

/**
 * What the engine knows of one face's render once it is done: the report's input. Per frame of the
 * video (all arrays as long as {@code frameTimesSec}): its fate, the aperture drawn, the source's own.
 *
 * @param frameTimesSec each frame's time on the video's timeline
 * @param windowStartSec where the piece of speech starts on that timeline
 * @param fates what the render did with each frame
 * @param drawnAperture the mouth shown in each frame: the drawn exemplar's aperture (0 drawn shut,
 *     blended with the source's at the cross-fade), the source's own where nothing was drawn; NaN where
 *     the face is not found
 * @param ownAperture the source face's aperture per frame (its own mesh landmarks); NaN where not found
 * @param turned whether the face was seen turned past what the library takes ({@link MouthLibrary#turned})
 * @param libraryParams the {@code MouthParams} of every mouth in the face's library
 * @param sifting what became of the frames offered to that library
 * @param speech what the new speech's piece (time 0 at {@code windowStartSec}) and the source's own
 *     sound measure, apart from the render
 * @param drivenBy what drove the mouth: {@link QualityReport#BY_PHONEMES} or {@link QualityReport#BY_SOUND}
 */
public record FaceRun(String faceId, double[] frameTimesSec, double windowStartSec, FrameFate[] fates,
    double[] drawnAperture, double[] ownAperture, boolean[] turned, List<double[]> libraryParams,
    MouthLibrary.Sifting sifting, SpeechSide speech, String drivenBy) {
  public FaceRun {
    int n = frameTimesSec.length;
    if (fates.length != n || drawnAperture.length != n || ownAperture.length != n || turned.length != n) {
      throw new IllegalArgumentException("per-frame series of different lengths: " + n + " times, " + fates.length
          + " fates, " + drawnAperture.length + " drawn, " + ownAperture.length + " own, " + turned.length + " turned");
    }
  }
}
