package io.mouthpiece.engine.face;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.tensorflow.lite.Interpreter;

/**
 * BlazeFace detection (MediaPipe's face_detection_{short,full}_range graphs).
 * In: a BGR frame. Out: the faces in it, in frame pixels, after weighted non-maximum suppression;
 * an empty list when there is none. Models: face_detection_short_range.tflite (128×128, faces
 * within ~2 m) and face_detection_full_range.tflite (192×192, small and far faces).
 */
public final class FaceDetector implements AutoCloseable {
  /** Which BlazeFace model: the near one is faster, the far one finds small faces. */
  public enum Range {
    SHORT("face_detection_short_range.tflite", 128, new int[][] {{8, 2}, {16, 6}}, 0.5),
    FULL("face_detection_full_range.tflite", 192, new int[][] {{4, 1}}, 0.6);

    final String file;
    final int inputSize;
    final int[][] strideAndAnchorsPerCell;
    final double minScore;

    Range(String file, int inputSize, int[][] strideAndAnchorsPerCell, double minScore) {
      this.file = file;
      this.inputSize = inputSize;
      this.strideAndAnchorsPerCell = strideAndAnchorsPerCell;
      this.minScore = minScore;
    }
  }

  /** Detections overlapping more than this are one face (MediaPipe's min_suppression_threshold). */
  private static final double NMS_IOU = 0.3;
  /** BlazeFace's six keypoints: eyes, nose tip, mouth, ear tragions. */
  private static final int KEYPOINTS = 6;
  /** Numbers per anchor: the box (centre, size), then the keypoints' x, y. */
  private static final int COORDS = 4 + 2 * KEYPOINTS;
  /** Raw scores are clipped to ±this before the sigmoid, as MediaPipe's score_clipping_thresh does. */
  private static final double SCORE_CLIP = 100;

  private final Range range;
  private final Interpreter interpreter;
  private final TensorInput input;
  private final float[] anchorsXY;
  private final ByteBuffer boxes;
  private final ByteBuffer scores;
  private final Map<Integer, Object> outputs = new HashMap<>();

  public FaceDetector(Range range, int threads) {
    this.range = range;
    this.interpreter = TfLiteModel.open(range.file, threads);
    this.input = new TensorInput(range.inputSize, 1 / 127.5, -1.0);
    this.anchorsXY = anchors(range.inputSize, range.strideAndAnchorsPerCell);
    int count = anchorsXY.length / 2;
    boxes = ByteBuffer.allocateDirect(count * COORDS * Float.BYTES).order(ByteOrder.nativeOrder());
    scores = ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder());
    // The output order differs between the two models; tell them apart by shape.
    for (int i = 0; i < interpreter.getOutputTensorCount(); i++) {
      int[] shape = interpreter.getOutputTensor(i).shape();
      outputs.put(i, shape[shape.length - 1] == COORDS ? boxes : scores);
    }
  }

  /** Faces in the frame, most confident first. */
  public List<Detection> detect(Mat bgr) {
    int w = bgr.cols();
    int h = bgr.rows();
    int size = range.inputSize;
    // Letterbox: the whole frame, scaled to fit, centred; tensor pixel (u, v) -> frame pixel.
    double s = Math.max(w, h) / (double) size;
    double padX = (size * s - w) / 2;
    double padY = (size * s - h) / 2;
    double[] map = {s, 0, -padX, 0, s, -padY};
    ByteBuffer in = input.fill(bgr, map);
    boxes.clear();
    scores.clear();
    interpreter.runForMultipleInputsOutputs(new Object[] {in}, outputs);
    return weightedNms(decode(s * size, padX, padY));
  }

  private List<Detection> decode(double side, double padX, double padY) {
    boxes.rewind();
    scores.rewind();
    var box = boxes.asFloatBuffer();
    var score = scores.asFloatBuffer();
    int size = range.inputSize;
    List<Detection> found = new ArrayList<>();
    for (int a = 0; a < anchorsXY.length / 2; a++) {
      double logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, score.get(a)));
      double p = 1 / (1 + Math.exp(-logit));
      if (p < range.minScore) {
        continue;
      }
      int o = a * COORDS;
      double ax = anchorsXY[2 * a];
      double ay = anchorsXY[2 * a + 1];
      double cx = box.get(o) / size + ax;
      double cy = box.get(o + 1) / size + ay;
      double bw = box.get(o + 2) / size;
      double bh = box.get(o + 3) / size;
      double[] kp = new double[2 * KEYPOINTS];
      for (int k = 0; k < KEYPOINTS; k++) {
        kp[2 * k] = (box.get(o + 4 + 2 * k) / size + ax) * side - padX;
        kp[2 * k + 1] = (box.get(o + 5 + 2 * k) / size + ay) * side - padY;
      }
      found.add(new Detection((cx - bw / 2) * side - padX, (cy - bh / 2) * side - padY,
          bw * side, bh * side, kp, p));
    }
    return found;
  }

  /** MediaPipe's weighted NMS: overlapping boxes are averaged by score, not just dropped. */
  static List<Detection> weightedNms(List<Detection> candidates) {
    List<Detection> remaining = new ArrayList<>(candidates);
    remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
    List<Detection> kept = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Detection top = remaining.get(0);
      List<Detection> cluster = new ArrayList<>();
      List<Detection> rest = new ArrayList<>();
      for (Detection d : remaining) {
        (top.iou(d) > NMS_IOU ? cluster : rest).add(d);
      }
      double total = 0;
      double x = 0;
      double y = 0;
      double bw = 0;
      double bh = 0;
      double[] kp = new double[2 * KEYPOINTS];
      for (Detection d : cluster) {
        double wgt = d.score();
        total += wgt;
        x += d.xMin() * wgt;
        y += d.yMin() * wgt;
        bw += d.width() * wgt;
        bh += d.height() * wgt;
        for (int k = 0; k < kp.length; k++) {
          kp[k] += d.keypoints()[k] * wgt;
        }
      }
      for (int k = 0; k < kp.length; k++) {
        kp[k] /= total;
      }
      kept.add(new Detection(x / total, y / total, bw / total, bh / total, kp, top.score()));
      remaining = rest;
    }
    return kept;
  }

  /**
   * SSD anchor centres (MediaPipe's SsdAnchorsCalculator with fixed anchor size), as x, y pairs
   * normalised to the input: for each stride, a grid of cells with that many anchors each.
   */
  static float[] anchors(int inputSize, int[][] strideAndAnchorsPerCell) {
    List<float[]> list = new ArrayList<>();
    for (int[] sa : strideAndAnchorsPerCell) {
      int cells = (int) Math.ceil(inputSize / (double) sa[0]);
      for (int y = 0; y < cells; y++) {
        for (int x = 0; x < cells; x++) {
          for (int k = 0; k < sa[1]; k++) {
            list.add(new float[] {(x + 0.5f) / cells, (y + 0.5f) / cells});
          }
        }
      }
    }
    float[] xy = new float[list.size() * 2];
    for (int i = 0; i < list.size(); i++) {
      xy[2 * i] = list.get(i)[0];
      xy[2 * i + 1] = list.get(i)[1];
    }
    return xy;
  }

  @Override
  public void close() {
    interpreter.close();
    input.close();
  }
}
