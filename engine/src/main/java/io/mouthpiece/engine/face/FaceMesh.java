package io.mouthpiece.engine.face;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.tensorflow.lite.Interpreter;

/**
 * The 468-point face mesh (MediaPipe's face_landmark graph).
 * In: a BGR frame and a region that should hold a face. Out: the landmarks in frame pixels, or
 * empty when the model's face-presence score says there is no face there. Model:
 * face_landmark.tflite, input 192×192 RGB in [0, 1].
 */
public final class FaceMesh implements AutoCloseable {
  private static final int SIZE = 192;
  /** Below this face-presence probability the region holds no face (the threshold of MediaPipe's face_landmark graph). */
  private static final double MIN_PRESENCE = 0.5;

  private final Interpreter interpreter;
  private final TensorInput input = new TensorInput(SIZE, 1 / 255.0, 0.0);
  private final ByteBuffer points = ByteBuffer.allocateDirect(FaceLandmarks.COUNT * 3 * Float.BYTES).order(ByteOrder.nativeOrder());
  private final ByteBuffer presence = ByteBuffer.allocateDirect(Float.BYTES).order(ByteOrder.nativeOrder());
  private final Map<Integer, Object> outputs = new HashMap<>();

  public FaceMesh(int threads) {
    interpreter = TfLiteModel.open("face_landmark.tflite", threads);
    for (int i = 0; i < interpreter.getOutputTensorCount(); i++) {
      int[] shape = interpreter.getOutputTensor(i).shape();
      outputs.put(i, shape[shape.length - 1] == FaceLandmarks.COUNT * 3 ? points : presence);
    }
  }

  /** The face in {@code roi}, or empty if the model sees none there. */
  public Optional<FaceLandmarks> landmarks(Mat bgr, FaceRoi roi) {
    double[] map = roi.cropToFrame(SIZE);
    ByteBuffer in = input.fill(bgr, map);
    points.clear();
    presence.clear();
    interpreter.runForMultipleInputsOutputs(new Object[] {in}, outputs);
    presence.rewind();
    double score = 1 / (1 + Math.exp(-presence.asFloatBuffer().get(0)));
    if (score < MIN_PRESENCE) {
      return Optional.empty();
    }
    points.rewind();
    FloatBuffer p = points.asFloatBuffer();
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    double zScale = Math.hypot(map[0], map[3]);
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      double u = p.get(3 * i);
      double v = p.get(3 * i + 1);
      xyz[3 * i] = (float) (map[0] * u + map[1] * v + map[2]);
      xyz[3 * i + 1] = (float) (map[3] * u + map[4] * v + map[5]);
      xyz[3 * i + 2] = (float) (p.get(3 * i + 2) * zScale);
    }
    return Optional.of(new FaceLandmarks(xyz));
  }

  @Override
  public void close() {
    interpreter.close();
    input.close();
  }
}
