package io.mouthpiece.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.Rational;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** The made test media are what TestMedia says they are, and the cache hands out whole files. */
class TestMediaTest {
  @Test
  void clip2997RunsAtExactly30000Over1001() throws Exception {
    Path clip = TestMedia.clip2997();
    VideoInfo info = info(clip);
    assertEquals(new Rational(30000, 1001), info.frameRate());
    assertTrue(info.hasAudio());
    List<Long> times = timestamps(clip);
    assertEquals(150, times.size());
    for (int n = 0; n < times.size(); n++) {
      assertTrue(Math.abs(times.get(n) - n * 1001_000_000L / 30000) <= 1000, "frame " + n + " at " + times.get(n));
    }
  }

  @Test
  void sideBySideShowsBothClipsAtOneHeight() throws Exception {
    Path clip = TestMedia.sideBySide("retalking_face2.mp4", "retalking_face3.mp4");
    VideoInfo info = info(clip);
    assertEquals(590 + 590, info.width()); // 844x844 scaled to the smaller height, 590
    assertEquals(590, info.height());
    assertTrue(info.hasAudio());
    // The left half is face2 scaled down, the right half face3 as it was.
    try (VideoReader both = VideoReader.open(clip);
        VideoReader left = VideoReader.open(TestMedia.video("retalking_face2.mp4"));
        VideoReader right = VideoReader.open(TestMedia.video("retalking_face3.mp4"))) {
      for (int n = 0; n < 3; n++) {
        try (VideoFrame b = both.read().orElseThrow(); VideoFrame l = left.read().orElseThrow();
            VideoFrame r = right.read().orElseThrow(); Mat small = new Mat()) {
          opencv_imgproc.resize(l.bgr(), small, new Size(590, 590), 0, 0, opencv_imgproc.INTER_AREA);
          assertTrue(opencv_core.PSNR(b.bgr().apply(new Rect(0, 0, 590, 590)), small) > 28, "left half, frame " + n);
          assertTrue(opencv_core.PSNR(b.bgr().apply(new Rect(590, 0, 590, 590)), r.bgr()) > 30, "right half, frame " + n);
        }
      }
    }
  }

  @Test
  void cutInReplacesMainOnlyDuringItsStretch() throws Exception {
    Path main = TestMedia.video("retalking_face3.mp4");
    Path clip = TestMedia.cutIn("retalking_face3.mp4", "musetalk_sun.mp4", 2000, 1500);
    assertEquals(info(main).width(), info(clip).width());
    assertEquals(info(main).height(), info(clip).height());
    assertEquals(info(main).durationUs(), info(clip).durationUs());
    try (VideoReader m = VideoReader.open(main); VideoReader c = VideoReader.open(clip)) {
      Optional<VideoFrame> mf;
      while ((mf = m.read()).isPresent()) {
        try (VideoFrame x = mf.get(); VideoFrame y = c.read().orElseThrow()) {
          boolean cut = y.timestampUs() >= 2_000_000 && y.timestampUs() < 3_500_000;
          double psnr = opencv_core.PSNR(x.bgr(), y.bgr());
          assertTrue(cut ? psnr < 20 : psnr > 30, "frame " + y.index() + " at " + y.timestampUs() + " us: PSNR " + psnr);
        }
      }
      assertTrue(c.read().isEmpty(), "same frame count as main");
    }
  }

  @Test
  void long720pIsA720p25FpsVideoOfTheAskedLength() throws Exception {
    long t0 = System.nanoTime();
    Path clip = TestMedia.long720p(10);
    System.out.printf("long720p(10): %.1f s (0 when cached)%n", (System.nanoTime() - t0) / 1e9);
    VideoInfo info = info(clip);
    assertEquals(1280, info.width());
    assertEquals(720, info.height());
    assertEquals(new Rational(25, 1), info.frameRate());
    assertEquals(10_000, info.durationMs());
    assertEquals(250, timestamps(clip).size());
    PcmAudio sound = TestAudio.decode(clip);
    assertEquals(48_000, sound.sampleRate());
    assertTrue(Math.abs(sound.durationMs() - 10_000) <= 50, "audio lasts " + sound.durationMs() + " ms");
  }

  @Test
  void cacheReusesWholeFilesAndLeavesNoTemporaryOnes() throws Exception {
    Path clip = TestMedia.clip2997();
    var modified = Files.getLastModifiedTime(clip);
    assertEquals(clip, TestMedia.clip2997());
    assertEquals(modified, Files.getLastModifiedTime(clip), "made again instead of reused");
    try (Stream<Path> files = Files.list(clip.getParent())) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "temporary files left behind");
    }
  }

  private static VideoInfo info(Path video) throws MediaException {
    try (VideoReader reader = VideoReader.open(video)) {
      return reader.info();
    }
  }

  private static List<Long> timestamps(Path video) throws MediaException {
    List<Long> times = new ArrayList<>();
    forEachFrame(video, f -> times.add(f.timestampUs()));
    return times;
  }

  private static void forEachFrame(Path video, Consumer<VideoFrame> action) throws MediaException {
    try (VideoReader reader = VideoReader.open(video)) {
      Optional<VideoFrame> frame;
      while ((frame = reader.read()).isPresent()) {
        try (VideoFrame f = frame.get()) {
          action.accept(f);
        }
      }
    }
  }
}
