package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.media.Rational;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.mouth.HeadPose;
import io.mouthpiece.engine.mouth.LowerFace;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.MouthLibrary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An analysis as bytes, and back, for the analysis cache. In: what {@link AnalysisPass} found and
 * the features of the video's own sound. Out: the same, bit for bit, so a sync drawn from a read
 * entry writes the same frames as one drawn from a fresh analysis.
 *
 * <p>Layout (big-endian): header {@code MAGIC}, {@link AnalysisKey#VERSION}, the entry's key;
 * body: the video's info, every frame's time, the face tracks, each face (per frame: seen or not,
 * its 468 landmarks as floats, its three MouthParams, whether its mouth is covered; then its library: the window's scale, what became of
 * the frames offered to it (for the quality report) and each exemplar's numbers, landmarks and I420 pixels), the source's sound features; trailer: the body's
 * length and its CRC-32C. Head poses are not stored: they are a cheap, exact function of the
 * landmarks. Reading checks the magic, the version, the key, every count against a bound, and the
 * trailer, and throws {@link Damaged} at the first mismatch: the caller then computes afresh.
 * Writing and reading stay in this one file, each field's write beside its read, so the two sides
 * of the format cannot drift apart; that is why it is longer than most.
 */
final class AnalysisFile {
  private AnalysisFile() {}

  static final byte[] MAGIC = "MPANALYS".getBytes(StandardCharsets.US_ASCII);
  /** Bounds a damaged count cannot get past, far above any real video's. */
  private static final int MAX_FRAMES = 10_000_000;
  private static final int MAX_FACES = 1_000;
  private static final int MAX_STRING_BYTES = 4_096;
  private static final int MAX_BLOB_BYTES = 256 << 20;
  private static final int LANDMARK_BYTES = FaceLandmarks.COUNT * 3 * Float.BYTES;

  /** What a cache entry holds: the analysis and the features of the video's sound (null: it has none). */
  record Entry(AnalysisPass.Analysis analysis, AudioFeatures sourceSound) {}

  /** An entry that is not what it says: damaged, cut short, of another version or another key. */
  static final class Damaged extends IOException {
    Damaged(String message) {
      super(message);
    }
  }

  static void write(String key, AnalysisPass.Analysis a, AudioFeatures sourceSound, OutputStream sink) throws IOException {
    DataOutputStream head = new DataOutputStream(sink);
    head.write(MAGIC);
    head.writeInt(AnalysisKey.VERSION);
    writeString(head, key);
    CountingOut counted = new CountingOut(sink);
    CheckedOutputStream checked = new CheckedOutputStream(counted, new CRC32C());
    DataOutputStream out = new DataOutputStream(checked);
    writeInfo(out, a.info());
    out.writeInt(a.frameTimesUs().length);
    for (long t : a.frameTimesUs()) {
      out.writeLong(t);
    }
    out.writeInt(a.tracks().size());
    for (FaceTrack t : a.tracks()) {
      writeString(out, t.faceId());
      out.writeLong(t.startMs());
      out.writeLong(t.endMs());
      out.writeInt(t.frameCount());
      writeBlob(out, t.cropPng());
      out.writeDouble(t.sizePx());
    }
    out.writeInt(a.faces().size());
    ByteBuffer landmarks = ByteBuffer.allocate(LANDMARK_BYTES);
    for (FaceData face : a.faces().values()) {
      writeString(out, face.faceId());
      out.writeInt(face.measuredFrames());
      for (int i = 0; i < face.measuredFrames(); i++) {
        boolean seen = face.seen(i);
        out.writeBoolean(seen);
        if (seen) {
          landmarks.clear();
          landmarks.asFloatBuffer().put(face.at(i).xyz());
          out.write(landmarks.array());
          writeDoubles(out, face.shape(i));
          out.writeBoolean(face.covered(i));
        }
      }
      writeLibrary(out, face.library());
    }
    out.writeBoolean(sourceSound != null);
    if (sourceSound != null) {
      out.writeDouble(sourceSound.durationSec());
      out.writeInt(sourceSound.frameCount());
      for (int k = 0; k < sourceSound.frameCount(); k++) {
        writeFloats(out, sourceSound.frame(k));
      }
    }
    out.flush();
    DataOutputStream trailer = new DataOutputStream(sink);
    trailer.writeLong(counted.count);
    trailer.writeLong(checked.getChecksum().getValue());
    trailer.flush();
  }

  /**
   * Reads an entry written under {@code key}. Throws {@link Damaged} when it is not a whole entry
   * of this version for this key; whatever was built before that is freed.
   */
  static Entry read(String key, InputStream source) throws IOException {
    readHeader(key, source);
    Counting counting = new Counting(source);
    CheckedInputStream checked = new CheckedInputStream(counting, new CRC32C());
    DataInputStream in = new DataInputStream(checked);
    Map<String, FaceData> faces = new LinkedHashMap<>();
    List<MouthExemplar> loose = new ArrayList<>();
    try {
      VideoInfo info = readInfo(in);
      long[] times = new long[count(in, MAX_FRAMES, "frames")];
      for (int i = 0; i < times.length; i++) {
        times[i] = in.readLong();
      }
      if (times.length == 0) {
        throw new Damaged("no frames");
      }
      int trackCount = count(in, MAX_FACES, "tracks");
      List<FaceTrack> tracks = new ArrayList<>();
      for (int i = 0; i < trackCount; i++) {
        tracks.add(new FaceTrack(readString(in), in.readLong(), in.readLong(), in.readInt(), readBlob(in), in.readDouble()));
      }
      int faceCount = count(in, MAX_FACES, "faces");
      byte[] landmarkBytes = new byte[LANDMARK_BYTES];
      for (int f = 0; f < faceCount; f++) {
        FaceData face = new FaceData(readString(in));
        if (faces.put(face.faceId(), face) != null) {
          throw new Damaged("face " + face.faceId() + " twice");
        }
        int measured = count(in, times.length, "frames of face " + face.faceId());
        for (int i = 0; i < measured; i++) {
          if (in.readBoolean()) {
            in.readFully(landmarkBytes);
            float[] xyz = new float[FaceLandmarks.COUNT * 3];
            ByteBuffer.wrap(landmarkBytes).asFloatBuffer().get(xyz);
            face.set(i, new FaceLandmarks(xyz), readDoubles(in));
            if (in.readBoolean()) {
              face.cover(i);
            }
          }
        }
        face.library(readLibrary(in, loose));
        loose.clear();
      }
      AudioFeatures sound = null;
      if (in.readBoolean()) {
        double durationSec = in.readDouble();
        float[][] frames = new float[count(in, MAX_FRAMES, "sound frames")][];
        for (int k = 0; k < frames.length; k++) {
          frames[k] = readFloats(in);
        }
        sound = AudioFeatures.ofFrames(frames, durationSec);
      }
      long bodyBytes = counting.count;
      long crc = checked.getChecksum().getValue();
      DataInputStream trailer = new DataInputStream(source);
      long statedBytes = trailer.readLong();
      long statedCrc = trailer.readLong();
      if (statedBytes != bodyBytes) {
        throw new Damaged("its body is " + bodyBytes + " bytes, its trailer says " + statedBytes);
      }
      if (statedCrc != crc) {
        throw new Damaged("checksum mismatch");
      }
      if (source.read() != -1) {
        throw new Damaged("bytes after its end");
      }
      return new Entry(new AnalysisPass.Analysis(info, times, tracks, faces), sound);
    } catch (IOException | RuntimeException e) {
      faces.values().forEach(FaceData::close);
      loose.forEach(MouthExemplar::close);
      if (e instanceof Damaged d) {
        throw d;
      }
      if (e instanceof EOFException) {
        throw new Damaged("cut short");
      }
      if (e instanceof RuntimeException) {
        // A value no real analysis has (a negative size, a mismatched array): damage, not a bug here.
        throw new Damaged("unreadable: " + e);
      }
      throw e;
    }
  }

  private static void readHeader(String key, InputStream source) throws IOException {
    try {
      DataInputStream head = new DataInputStream(source);
      byte[] magic = new byte[MAGIC.length];
      head.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new Damaged("not an analysis entry (its first bytes are not " + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
      }
      int version = head.readInt();
      if (version != AnalysisKey.VERSION) {
        throw new Damaged("written by analysis version " + version + ", this is version " + AnalysisKey.VERSION);
      }
      String stored = readString(head);
      if (!stored.equals(key)) {
        throw new Damaged("written for key " + stored);
      }
    } catch (EOFException e) {
      throw new Damaged("cut short in its header");
    }
  }

  private static void writeInfo(DataOutputStream out, VideoInfo v) throws IOException {
    writeString(out, v.container());
    writeString(out, v.videoCodec());
    out.writeInt(v.width());
    out.writeInt(v.height());
    out.writeLong(v.frameRate().num());
    out.writeLong(v.frameRate().den());
    out.writeLong(v.durationUs());
    out.writeLong(v.frameCountHint());
    out.writeBoolean(v.hasAudio());
    out.writeInt(v.audioSampleRate());
    out.writeInt(v.audioChannels());
  }

  private static VideoInfo readInfo(DataInputStream in) throws IOException {
    return new VideoInfo(readString(in), readString(in), in.readInt(), in.readInt(), new Rational(in.readLong(), in.readLong()),
        in.readLong(), in.readLong(), in.readBoolean(), in.readInt(), in.readInt());
  }

  private static void writeLibrary(DataOutputStream out, MouthLibrary library) throws IOException {
    out.writeBoolean(library != null);
    if (library == null) {
      return;
    }
    out.writeDouble(library.window().pxPerUnit());
    MouthLibrary.Sifting sifted = library.sifting();
    for (int n : new int[] {sifted.offered(), sifted.turnedAway(), sifted.outsidePicture(), sifted.blurred(),
        sifted.covered(), sifted.thinned()}) {
      out.writeInt(n);
    }
    out.writeInt(library.size());
    for (MouthExemplar e : library.exemplars()) {
      out.writeInt(e.frameIndex());
      out.writeDouble(e.timeSec());
      writeDoubles(out, e.params());
      out.writeDouble(e.pose().yaw());
      out.writeDouble(e.pose().pitch());
      out.writeDouble(e.pose().roll());
      writeFloats(out, e.windowLandmarks());
      out.writeDouble(e.sharpness());
      writeMat(out, e.window());
    }
  }

  /** A library; its exemplars are collected in {@code loose} until it owns them, so a failure frees them. */
  private static MouthLibrary readLibrary(DataInputStream in, List<MouthExemplar> loose) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    LowerFace window = new LowerFace(in.readDouble());
    MouthLibrary.Sifting sifted = new MouthLibrary.Sifting(in.readInt(), in.readInt(), in.readInt(), in.readInt(),
        in.readInt(), in.readInt());
    int count = count(in, MAX_FRAMES, "exemplars");
    for (int i = 0; i < count; i++) {
      int frameIndex = in.readInt();
      double timeSec = in.readDouble();
      double[] params = readDoubles(in);
      HeadPose pose = new HeadPose(in.readDouble(), in.readDouble(), in.readDouble());
      float[] landmarks = readFloats(in);
      double sharpness = in.readDouble();
      Mat pixels = readMat(in);
      loose.add(new MouthExemplar(frameIndex, timeSec, params, pose, pixels, landmarks, sharpness));
    }
    return MouthLibrary.of(window, loose, sifted);
  }

  private static void writeMat(DataOutputStream out, Mat m) throws IOException {
    Mat whole = m.isContinuous() ? m : m.clone();
    try {
      out.writeInt(whole.rows());
      out.writeInt(whole.cols());
      out.writeInt(whole.type());
      byte[] bytes = new byte[(int) (whole.total() * whole.elemSize())];
      if (bytes.length > 0) {
        whole.data().get(bytes);
      }
      out.write(bytes);
    } finally {
      if (whole != m) {
        whole.close();
      }
    }
  }

  private static Mat readMat(DataInputStream in) throws IOException {
    int rows = count(in, 1 << 15, "pixel rows");
    int cols = count(in, 1 << 15, "pixel columns");
    int type = in.readInt();
    if (type != org.bytedeco.opencv.global.opencv_core.CV_8UC1) {
      throw new Damaged("exemplar pixels of type " + type + ", not 8-bit I420");
    }
    if ((long) rows * cols > MAX_BLOB_BYTES) {
      throw new Damaged("an exemplar of " + rows + " x " + cols + " pixels");
    }
    byte[] bytes = new byte[rows * cols];
    in.readFully(bytes);
    Mat m = rows == 0 ? new Mat() : new Mat(rows, cols, type);
    if (bytes.length > 0) {
      m.data().put(bytes);
    }
    return m;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBlob(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = count(in, MAX_STRING_BYTES, "string bytes");
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeBlob(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBlob(DataInputStream in) throws IOException {
    byte[] b = new byte[count(in, MAX_BLOB_BYTES, "bytes")];
    in.readFully(b);
    return b;
  }

  private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double d : v) {
      out.writeDouble(d);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] v = new double[count(in, 1 << 16, "numbers")];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }

  private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
    out.writeInt(v.length);
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES);
    b.asFloatBuffer().put(v);
    out.write(b.array());
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] v = new float[count(in, 1 << 16, "numbers")];
    byte[] b = new byte[v.length * Float.BYTES];
    in.readFully(b);
    ByteBuffer.wrap(b).asFloatBuffer().get(v);
    return v;
  }

  /** A count read from the entry, refused outside 0..max: a damaged one must not make a huge array. */
  private static int count(DataInputStream in, int max, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new Damaged(what + ": " + n + " is out of range 0.." + max);
    }
    return n;
  }

  /** Counts the body's bytes as they are read, for the trailer's length. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Counts the body's bytes as they are written, for the trailer. */
  private static final class CountingOut extends java.io.FilterOutputStream {
    long count;

    CountingOut(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
