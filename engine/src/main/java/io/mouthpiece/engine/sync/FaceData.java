package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.mouth.HeadPose;
import io.mouthpiece.engine.mouth.MouthLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * One face as the analysis pass saw it: its smoothed landmarks in every frame (null where it is
 * not seen), its head pose and mouth params per frame, the frames where its mouth is covered, and
 * its mouth library. The landmarks live in
 * a {@link LandmarkFile}, read back one frame at a time; what stays in memory is a few numbers a
 * frame, so memory does not grow with the video's length. The frames themselves are not kept.
 */
public final class FaceData implements AutoCloseable {
  private final String faceId;
  private final LandmarkFile landmarks = new LandmarkFile();
  private final List<double[]> shapes = new ArrayList<>();
  private final List<HeadPose> poses = new ArrayList<>();
  private final java.util.BitSet covered = new java.util.BitSet();
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
    while (shapes.size() <= frameIndex) {
      shapes.add(null);
      poses.add(null);
    }
    landmarks.write(frameIndex, l);
    shapes.set(frameIndex, shape);
    poses.set(frameIndex, HeadPose.of(l));
  }

  /** How many frames from the first have a slot (seen or not): the frames up to the last one the face is in. */
  int measuredFrames() {
    return poses.size();
  }

  /** The MouthParams of frame {@code frameIndex}'s own landmarks (not a copy), or null where the face is not seen. */
  double[] shape(int frameIndex) {
    return frameIndex < shapes.size() ? shapes.get(frameIndex) : null;
  }

  /** Marks frame {@code frameIndex} as one where something is in front of the mouth. */
  void cover(int frameIndex) {
    covered.set(frameIndex);
  }

  /** Whether something is in front of the face's mouth in a frame ({@link io.mouthpiece.engine.mouth.MouthCover}). */
  public boolean covered(int frameIndex) {
    return seen(frameIndex) && covered.get(frameIndex);
  }

  void library(MouthLibrary library) {
    this.library = library;
  }

  /** Whether the face is seen in a frame. */
  public boolean seen(int frameIndex) {
    return frameIndex < poses.size() && poses.get(frameIndex) != null;
  }

  /** The face's landmarks in a frame, or null when it is not seen there. */
  public FaceLandmarks at(int frameIndex) {
    return seen(frameIndex) ? landmarks.read(frameIndex) : null;
  }

  /** The face's head pose in a frame, or null when it is not seen there. */
  public HeadPose pose(int frameIndex) {
    return seen(frameIndex) ? poses.get(frameIndex) : null;
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
    landmarks.close();
    if (library != null) {
      library.close();
    }
  }
}
