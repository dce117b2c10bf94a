package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.mouth.MouthLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * One face as the analysis pass saw it: its smoothed landmarks in every frame (null where it is
 * not seen) and its mouth library. Landmarks are small (5.6 kB a frame); the frames themselves are
 * not kept.
 */
public final class FaceData implements AutoCloseable {
  private final String faceId;
  private final List<FaceLandmarks> landmarks = new ArrayList<>();
  private final List<double[]> shapes = new ArrayList<>();
  private MouthLibrary library;

  FaceData(String faceId) {
    this.faceId = faceId;
  }

  public String faceId() {
    return faceId;
  }

  /**
   * The face in a frame: smoothed landmarks to place a mouth by, and the MouthParams of the frame's
   * own (unsmoothed) landmarks: what its mouth really did, unlagged, to learn and select from.
   */
  void set(int frameIndex, FaceLandmarks l, double[] shape) {
    while (landmarks.size() <= frameIndex) {
      landmarks.add(null);
      shapes.add(null);
    }
    landmarks.set(frameIndex, l);
    shapes.set(frameIndex, shape);
  }

  void library(MouthLibrary library) {
    this.library = library;
  }

  /** The face's landmarks in a frame, or null when it is not seen there. */
  public FaceLandmarks at(int frameIndex) {
    return frameIndex < landmarks.size() ? landmarks.get(frameIndex) : null;
  }

  public MouthLibrary library() {
    return library;
  }

  /** MouthParams per frame (of each frame's own landmarks), a null row where the face is not seen. */
  public double[][] params(int frames) {
    double[][] p = new double[frames][];
    for (int i = 0; i < frames && i < shapes.size(); i++) {
      p[i] = shapes.get(i) == null ? null : shapes.get(i).clone();
    }
    return p;
  }

  @Override
  public void close() {
    if (library != null) {
      library.close();
    }
  }
}
