package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.FileDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names an analysis in the cache: the SHA-256 of everything its result depends on. In: the
 * video's bytes (its content, not its name: the same video uploaded twice is one entry), the faces
 * asked for (null: every face), and what the analysis was computed with: this {@link #VERSION},
 * the face models' bytes, the tracker's settings and the exemplar bound. Out: 64 hex digits.
 * Anything else that changes what the analysis finds (the tracking or library code, the entry's
 * layout) must bump {@link #VERSION}, so that old entries are ignored rather than trusted.
 */
final class AnalysisKey {
  private AnalysisKey() {}

  /** The analysis and its stored layout; bump on any change to what {@link AnalysisPass} finds or {@link AnalysisFile} writes. */
  static final int VERSION = 3; // 2: the frames where the mouth is covered, and libraries without them; 3: the library's sifting

  static String of(Path video, Set<String> faceIds, SyncConfig config) throws IOException {
    MessageDigest sha = sha256();
    sha.update(("mouthpiece analysis v" + VERSION + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(FileDigest.sha256(video)); // about 0.1 s for a minute of 720p
    sha.update(modelsDigest());
    // Sorted: {0, 1} and {1, 0} ask for the same analysis.
    String faces = faceIds == null ? "*" : String.join(",", new TreeSet<>(faceIds));
    String settings = "\nfaces " + faces + "\ntracker " + config.tracker() + "\nmaxExemplars " + config.maxExemplars();
    sha.update(settings.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The face models' digest, once read: the jar's models cannot change while the process runs. */
  private static byte[] models;

  /** The face models' digest, read and hashed (2 MB) on the first sync of a process only. */
  private static synchronized byte[] modelsDigest() throws IOException {
    if (models == null) {
      models = readModelsDigest();
    }
    return models;
  }

  /**
   * The face models the tracker runs, as shipped in the engine's jar: a new model finds other
   * landmarks, so an entry made with the old one must not be read.
   */
  private static byte[] readModelsDigest() throws IOException {
    MessageDigest sha = sha256();
    for (String name : MODELS) {
      try (InputStream in = io.mouthpiece.engine.face.FaceTrackerConfig.class.getResourceAsStream("models/" + name)) {
        if (in == null) {
          throw new IOException("no face model " + name + " in the engine's jar");
        }
        sha.update(in.readAllBytes());
      }
    }
    return sha.digest();
  }

  private static final String[] MODELS = {"face_detection_short_range.tflite", "face_detection_full_range.tflite",
      "face_landmark.tflite"};

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
