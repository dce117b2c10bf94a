package io.mouthpiece.engine.motion;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Temporary: dumps the measured clips for prototyping outside Java. */
class PrototypeDumpTest {
  @Test
  void dump() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/motion-cache").toAbsolutePath();
    for (String name : java.util.List.of("retalking_face1.mp4", "retalking_face2.mp4", "retalking_face3.mp4",
        "retalking_face5.mp4", "sadtalker_WDA_AOC_000.mp4")) {
      MeasuredClip c = MeasuredClip.load(name);
      float[] s = c.audio().samples();
      ByteBuffer b = ByteBuffer.allocate(s.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : s) {
        b.putFloat(v);
      }
      Files.write(dir.resolve(name.replace(".mp4", "") + ".f32"), b.array());
    }
  }
}
