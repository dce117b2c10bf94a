package io.mouthpiece.engine.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules about which faces a request re-voices: each dub a face the video shows, no face twice.
 * Face ids are identify's; the video's faces are whatever the caller found in it.
 */
public final class FaceRules {
  private FaceRules() {}

  /** A violation for every dub whose face an earlier dub chose already. */
  public static List<Violation> checkDistinct(List<String> faceIds) {
    Set<String> seen = new HashSet<>();
    List<Violation> found = new ArrayList<>();
    for (int dub = 0; dub < faceIds.size(); dub++) {
      if (!seen.add(faceIds.get(dub))) {
        found.add(chosenTwice(dub, faceIds.get(dub)));
      }
    }
    return found;
  }

  /** Dub {@code dub} chose a face an earlier dub chose already. */
  public static Violation chosenTwice(int dub, String faceId) {
    return Violation.of(dub, RequestValue.FACE, Rule.FACE_CHOSEN_TWICE, faceId);
  }

  /** A violation when the video's faces do not include dub {@code dub}'s. */
  public static Optional<Violation> checkShown(int dub, String faceId, List<String> videoFaceIds) {
    return videoFaceIds.contains(faceId) ? Optional.empty()
        : Optional.of(Violation.of(dub, RequestValue.FACE, Rule.NO_SUCH_FACE, faceId, List.copyOf(videoFaceIds)));
  }

  /** Dub {@code dub} left its face to the engine, and the video shows none. */
  public static Violation noFace(int dub) {
    return Violation.of(dub, RequestValue.FACE, Rule.NO_FACE_IN_VIDEO);
  }
}
