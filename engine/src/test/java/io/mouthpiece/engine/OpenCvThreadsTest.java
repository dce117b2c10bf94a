package io.mouthpiece.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.MediaException;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job through the facade runs OpenCV sequentially: nothing else in the engine sets it. */
class OpenCvThreadsTest {
  @Test
  void aJobThroughTheFacadeLeavesOpenCvSequential(@TempDir Path temp) {
    // Even a job refused at once (no such video) has set it: it is the first thing a job does.
    assertThrows(MediaException.class,
        () -> LipSync.identify(temp.resolve("missing.mp4"), IdentifyConfig.DEFAULT, Progress.NONE));
    assertEquals(1, opencv_core.getNumThreads());
  }
}
