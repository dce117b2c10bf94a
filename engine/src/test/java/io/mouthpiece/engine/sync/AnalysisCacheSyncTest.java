package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.cache.DiskAnalysisCache;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.testing.HandedOver;
import io.mouthpiece.engine.testing.TestMedia;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis cache on real media: a warm sync hands the encoder the same frames and sound as a
 * cold one without the first walk; an entry read back is the analysis that was written; a damaged,
 * cut-short, foreign or old entry is refused and computed again; two syncs of one new video at once
 * compute it once.
 */
class AnalysisCacheSyncTest {
  @TempDir Path temp;

  private static final Path VIDEO = TestMedia.video("retalking_face5.mp4"); // 524x524, 122 frames, 4.88 s

  private SyncResult sync(DiskAnalysisCache cache, String audio, Path out) throws Exception {
    return sync(cache, audio, out, SyncConfig.DEFAULT);
  }

  private SyncResult sync(DiskAnalysisCache cache, String audio, Path out, SyncConfig config) throws Exception {
    SyncRequest request = new SyncRequest(VIDEO, List.of(new FaceDub("0", TestMedia.audio(audio), 0, 3000, 500, 1.0)),
        0.5, out);
    return LipSync.sync(request, config, cache, Progress.NONE);
  }

  @Test
  void aWarmSyncSkipsTheAnalysisAndWritesTheSameFrames() throws Exception {
    DiskAnalysisCache cache = new DiskAnalysisCache(temp.resolve("cache"), DiskAnalysisCache.DEFAULT_MAX_BYTES);
    Path cold = temp.resolve("cold.mp4");
    Path warm = temp.resolve("warm.mp4");
    HandedOver coldHanded = new HandedOver();
    SyncResult first = sync(cache, "retalking_2.wav", cold, coldHanded.watching(SyncConfig.DEFAULT));
    assertFalse(first.analysisCached());
    assertEquals(1, entries(cache).size(), "the analysis is kept");
    HandedOver warmHanded = new HandedOver();
    SyncResult second = sync(cache, "retalking_2.wav", warm, warmHanded.watching(SyncConfig.DEFAULT));
    assertTrue(second.analysisCached());
    assertTrue(second.analysisSec() < first.analysisSec() / 2,
        "read back, not walked: " + second.analysisSec() + " s vs " + first.analysisSec() + " s");
    assertEquals(first.frames(), second.frames());
    assertEquals(first.durationUs(), second.durationUs());
    HandedOver.assertSame(coldHanded, warmHanded);
    // And the quality report, the library's sifting included (frames offered and why left out).
    assertEquals(first.quality(), second.quality());

    // Another speech over the same video: still the cached analysis, and a different mouth.
    Path other = temp.resolve("other.mp4");
    assertTrue(sync(cache, "retalking_1.wav", other).analysisCached());
    assertFalse(Arrays.equals(Files.readAllBytes(cold), Files.readAllBytes(other)));
  }

  @Test
  void aDamagedEntryIsIgnoredAndComputedAgain() throws Exception {
    DiskAnalysisCache cache = new DiskAnalysisCache(temp.resolve("cache"), DiskAnalysisCache.DEFAULT_MAX_BYTES);
    Path cold = temp.resolve("cold.mp4");
    HandedOver coldHanded = new HandedOver();
    sync(cache, "retalking_2.wav", cold, coldHanded.watching(SyncConfig.DEFAULT));
    Path entry = entries(cache).get(0);
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length / 2] ^= 0x10; // one bit, deep inside an exemplar's pixels
    Files.write(entry, bytes);
    Path again = temp.resolve("again.mp4");
    HandedOver againHanded = new HandedOver();
    assertFalse(sync(cache, "retalking_2.wav", again, againHanded.watching(SyncConfig.DEFAULT)).analysisCached(),
        "a damaged entry is not trusted");
    HandedOver.assertSame(coldHanded, againHanded);
    assertFalse(Arrays.equals(bytes, Files.readAllBytes(entry)), "and it is written whole again");
    assertTrue(sync(cache, "retalking_2.wav", temp.resolve("third.mp4")).analysisCached());
  }

  @Test
  void anEntryReadsBackAsTheAnalysisItWasAndRefusesAnyOther() throws Exception {
    SyncConfig config = SyncConfig.DEFAULT;
    AudioFeatures sound = AudioFeatures.of(io.mouthpiece.engine.media.AudioReader.decode(TestMedia.audio("retalking_1.wav"),
        16_000, 1, 10_000));
    String key = AnalysisKey.of(VIDEO, null, config);
    byte[] written;
    try (AnalysisPass.Analysis a = AnalysisPass.run(VIDEO, null, config.tracker(), config.maxExemplars(), f -> {})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AnalysisFile.write(key, a, sound, out);
      written = out.toByteArray();
      try (AnalysisPass.Analysis b = AnalysisFile.read(key, new ByteArrayInputStream(written)).analysis()) {
        assertSame(a, b);
      }
      AudioFeatures readSound = AnalysisFile.read(key, new ByteArrayInputStream(written)).sourceSound();
      assertEquals(sound.frameCount(), readSound.frameCount());
      for (int k = 0; k < sound.frameCount(); k++) {
        assertArrayEquals(sound.frame(k), readSound.frame(k));
      }
      assertEquals(Arrays.toString(sound.context(1.0, new int[] {-20, 0, 20}, 0, AudioFeatures.COUNT)),
          Arrays.toString(readSound.context(1.0, new int[] {-20, 0, 20}, 0, AudioFeatures.COUNT)));
    }
    // Another key (another video, other faces or settings), another version, cut short, damaged.
    String otherKey = AnalysisKey.of(VIDEO, Set.of("0"), config);
    assertFalse(otherKey.equals(key), "the faces asked for are part of the key");
    refused(otherKey, written, "written for key");
    byte[] oldVersion = written.clone();
    oldVersion[AnalysisFile.MAGIC.length + 3]--;
    refused(key, oldVersion, "version");
    refused(key, Arrays.copyOf(written, written.length - 1), "cut short");
    refused(key, Arrays.copyOf(written, written.length / 3), "cut short");
    byte[] longer = Arrays.copyOf(written, written.length + 1);
    refused(key, longer, "after its end");
    byte[] flipped = written.clone();
    flipped[written.length - 100] ^= 1;
    refused(key, flipped, "checksum");
    byte[] notOurs = written.clone();
    notOurs[0] = 'X';
    refused(key, notOurs, "not an analysis entry");
  }

  @Test
  void twoSyncsOfOneNewVideoAtOnceComputeItOnce() throws Exception {
    // Two cache objects on one directory: the lock is the directory's, not the object's.
    DiskAnalysisCache a = new DiskAnalysisCache(temp.resolve("cache"), DiskAnalysisCache.DEFAULT_MAX_BYTES);
    DiskAnalysisCache b = new DiskAnalysisCache(temp.resolve("cache"), DiskAnalysisCache.DEFAULT_MAX_BYTES);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<SyncResult> first = two.submit(() -> sync(a, "retalking_2.wav", temp.resolve("a.mp4")));
      Future<SyncResult> second = two.submit(() -> sync(b, "retalking_1.wav", temp.resolve("b.mp4")));
      int computed = (first.get().analysisCached() ? 0 : 1) + (second.get().analysisCached() ? 0 : 1);
      assertEquals(1, computed, "one computes, the other waits and reads its entry");
      assertEquals(1, entries(a).size());
    } finally {
      two.shutdownNow();
    }
  }

  private static void refused(String key, byte[] entry, String why) {
    AnalysisFile.Damaged e = assertThrows(AnalysisFile.Damaged.class,
        () -> AnalysisFile.read(key, new ByteArrayInputStream(entry)).analysis().close());
    assertTrue(e.getMessage().contains(why), e.getMessage() + " should say " + why);
  }

  /** Everything later stages read of an analysis is the same in both. */
  private static void assertSame(AnalysisPass.Analysis a, AnalysisPass.Analysis b) {
    assertEquals(a.info(), b.info());
    assertArrayEquals(a.frameTimesUs(), b.frameTimesUs());
    assertEquals(a.tracks().size(), b.tracks().size());
    for (int i = 0; i < a.tracks().size(); i++) {
      assertEquals(a.tracks().get(i).faceId(), b.tracks().get(i).faceId());
      assertEquals(a.tracks().get(i).sizePx(), b.tracks().get(i).sizePx());
      assertArrayEquals(a.tracks().get(i).cropPng(), b.tracks().get(i).cropPng());
    }
    assertEquals(a.faces().keySet().stream().toList(), b.faces().keySet().stream().toList());
    for (String id : a.faces().keySet()) {
      FaceData fa = a.faces().get(id);
      FaceData fb = b.faces().get(id);
      int frames = a.frames();
      assertArrayEquals(fa.params(frames), fb.params(frames));
      for (int i = 0; i < frames; i++) {
        assertEquals(fa.seen(i), fb.seen(i));
        if (fa.seen(i)) {
          assertArrayEquals(fa.at(i).xyz(), fb.at(i).xyz());
          assertEquals(fa.pose(i), fb.pose(i));
          assertEquals(fa.covered(i), fb.covered(i));
        }
      }
      assertNotNull(fa.library());
      assertEquals(fa.library().window(), fb.library().window());
      assertTrue(fa.library().sifting().offered() > 0, "the library counts what it was offered");
      assertEquals(fa.library().sifting(), fb.library().sifting());
      assertEquals(fa.library().size(), fb.library().size());
      assertTrue(fa.library().size() > 10);
      for (int e = 0; e < fa.library().size(); e++) {
        MouthExemplar x = fa.library().exemplars().get(e);
        MouthExemplar y = fb.library().exemplars().get(e);
        assertEquals(x.frameIndex(), y.frameIndex());
        assertEquals(x.timeSec(), y.timeSec());
        assertArrayEquals(x.params(), y.params());
        assertEquals(x.pose(), y.pose());
        assertArrayEquals(x.windowLandmarks(), y.windowLandmarks());
        assertEquals(x.sharpness(), y.sharpness());
        assertArrayEquals(pixels(x.window()), pixels(y.window()));
      }
    }
  }

  private static byte[] pixels(Mat m) {
    assertEquals(org.bytedeco.opencv.global.opencv_core.CV_8UC1, m.type());
    byte[] b = new byte[(int) (m.total() * m.elemSize())];
    m.data().get(b);
    return b;
  }

  private static List<Path> entries(DiskAnalysisCache cache) throws Exception {
    try (var files = Files.list(cache.dir())) {
      return files.filter(p -> p.toString().endsWith(".analysis")).toList();
    }
  }
}
