package io.mouthpiece.engine.testing;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.Rational;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;

/**
 * Test media by name: the clips the repository carries in {@code media/} (see its SOURCES.tsv and
 * the NOTICE file), and clips made from them with FFmpeg through JavaCV (grabber, filter, recorder; never the engine's own
 * reader or writer, which the tests check). Made clips are H.264 (x264 ultrafast, CRF 18) + AAC
 * mp4 at a constant rate, cached in {@code target/test-media/} and reused while there: each is
 * written under a temporary name and renamed when complete, so a killed run leaves no half file.
 *
 * <p>The folder is the system property {@code mouthpiece.media} (set by Surefire), falling back to
 * the {@code media} folder (with its SOURCES.tsv) of the working directory or one of its parents.
 * It is part of the repository, so a missing file fails the test: it never skips.
 */
public final class TestMedia {
  /** The repository's mp4 videos, as named in its SOURCES.tsv. */
  public static final List<String> VIDEOS = List.of(
      "retalking_face1.mp4", // 700x700, variable rate: 135 frames in 6.1 s at a nominal 30 fps
      "retalking_face2.mp4",
      "retalking_face3.mp4",
      "retalking_face5.mp4",
      "sadtalker_WDA_AOC_000.mp4", // MPEG-4 Part 2 video, 16 kHz audio
      "musetalk_sun.mp4", // no audio
      "musetalk_yongen.mp4"); // no audio

  /** Constant-rate 25 fps speaking clips with sound: the material long720p loops over. */
  private static final List<String> SPEAKING_25FPS = List.of(
      "retalking_face2.mp4", "retalking_face3.mp4", "retalking_face5.mp4", "sadtalker_WDA_AOC_000.mp4");

  /** Bump when a recipe below changes, so stale cached files are not reused. */
  private static final String RECIPE = "v4";

  static {
    // Keep x264's and the AAC encoder's statistics out of the test log; errors still show.
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  private TestMedia() {}

  /** A video of the repository's media by file name, e.g. {@code retalking_face2.mp4}. */
  public static Path video(String name) {
    return file("video", name);
  }

  /** An audio file of the repository's media by name, e.g. {@code retalking_1.wav}. */
  public static Path audio(String name) {
    return file("audio", name);
  }

  /**
   * The motion corpus: each speaking clip of the corpus manifest as its speech (16 kHz mono FLAC)
   * and its mouth measured on every frame (CSV), what the motion model is fitted and tested on.
   */
  public static Path motionCorpus() {
    return media().resolve("motion-corpus");
  }

  /**
   * retalking_face2.mp4 (844x844, 25 fps, 5.0 s) re-timed to exactly 30000/1001 fps, with its
   * audio: 150 frames, frame n at n * 1001 / 30000 s showing what the source shows then (a source
   * frame is repeated about every sixth frame, as FFmpeg's {@code fps} filter would).
   */
  public static Path clip2997() {
    Path source = video("retalking_face2.mp4");
    Rational ntsc = new Rational(30000, 1001);
    return MediaCache.get("clip2997-" + RECIPE + ".mp4", out -> {
      try (HeldFrames video = new HeldFrames(source);
          ClipEncoder encoder = new ClipEncoder(out, video.width(), video.height(), ntsc, TestAudio.decode(source))) {
        long frames = frameCount(video.endUs(), ntsc);
        for (long n = 0; n < frames; n++) {
          encoder.write(video.at(timeUs(n, ntsc)));
        }
        encoder.finish();
      }
    });
  }

  /**
   * Two shared clips side by side, each scaled to the smaller of their heights (made even), so
   * the picture holds two faces. Runs at {@code a}'s nominal rate for the shorter clip's length,
   * with {@code a}'s audio (silent if {@code a} has none).
   */
  public static Path sideBySide(String a, String b) {
    return sideBySide(a, b, 0);
  }

  /**
   * The same, with the right half fading in from black over {@code rightFadeMs}: the right clip's
   * face is found after the left one's, so it is given the later face id. A fade, not a cut: a
   * half-frame cut is a shot change, which would give the left face a second id.
   */
  public static Path sideBySide(String a, String b, long rightFadeMs) {
    Path left = video(a);
    Path right = video(b);
    String name = "side-by-side-" + stem(a) + "-" + stem(b) + (rightFadeMs > 0 ? "-fade-" + rightFadeMs : "") + "-" + RECIPE
        + ".mp4";
    return MediaCache.get(name, out -> {
      try (HeldFrames l = new HeldFrames(left); HeldFrames r = new HeldFrames(right)) {
        Rational fps = l.nominalRate();
        int height = Math.min(l.height(), r.height()) & ~1;
        String hide = rightFadeMs > 0
            ? String.format(Locale.ROOT, ",fade=t=in:st=0:d=%.3f", rightFadeMs / 1000.0) : "";
        String graph = String.format(Locale.ROOT,
            "[0:v]scale=-2:%d[a];[1:v]scale=-2:%d%s[b];[a][b]hstack=inputs=2,format=bgr24[v]", height, height, hide);
        try (FFmpegFrameFilter stack = HeldFrames.filter(graph, fps, l, r)) {
          try (ClipEncoder encoder = new ClipEncoder(out, stack.getImageWidth(), height, fps, audioOrNull(left))) {
            long frames = frameCount(Math.min(l.endUs(), r.endUs()), fps);
            for (long n = 0; n < frames; n++) {
              long t = timeUs(n, fps);
              stack.push(0, l.at(t));
              stack.push(1, r.at(t));
              encoder.writeReady(stack);
            }
            stack.push(0, null);
            stack.push(1, null);
            encoder.writeReady(stack);
            encoder.finish();
          }
        }
      }
    });
  }

  /**
   * {@code main} with {@code lengthMs} of {@code other} (from its start, scaled and padded to
   * main's size) in place of main's picture from {@code atMs}: main's face leaves the frame for
   * that stretch, as in a cut-in shot. Main's timeline runs on underneath, so main's frames after
   * the stretch are the ones it had there. Main's size, nominal rate, length and whole soundtrack.
   */
  public static Path cutIn(String main, String other, long atMs, long lengthMs) {
    Path mainPath = video(main);
    Path otherPath = video(other);
    String name = String.format(Locale.ROOT, "cut-in-%s-%s-%d-%d-%s.mp4", stem(main), stem(other), atMs, lengthMs, RECIPE);
    return MediaCache.get(name, out -> {
      try (HeldFrames m = new HeldFrames(mainPath); HeldFrames o = new HeldFrames(otherPath)) {
        Rational fps = m.nominalRate();
        int w = m.width();
        int h = m.height();
        String fit = String.format(Locale.ROOT,
            "scale=%d:%d:force_original_aspect_ratio=decrease,pad=%d:%d:(ow-iw)/2:(oh-ih)/2,format=bgr24", w, h, w, h);
        try (FFmpegFrameFilter fitOther = HeldFrames.filter(fit, fps, o);
            ClipEncoder encoder = new ClipEncoder(out, w, h, fps, audioOrNull(mainPath))) {
          long frames = frameCount(m.endUs(), fps);
          for (long n = 0; n < frames; n++) {
            long t = timeUs(n, fps);
            Frame mainFrame = m.at(t); // advance main even when hidden
            if (t >= atMs * 1000 && t < (atMs + lengthMs) * 1000) {
              fitOther.push(o.at(t - atMs * 1000));
              encoder.writeReady(fitOther);
            } else {
              encoder.write(mainFrame);
            }
          }
          encoder.finish();
        }
      }
    });
  }

  /**
   * The first half of a constant-rate shared clip (its frames before the middle frame) with its
   * sound: what a half-split test lets the engine see. Returns the file; the second half starts at
   * {@link #halfUs}.
   */
  public static Path firstHalf(String name) {
    Path source = video(name);
    return MediaCache.get("first-half-" + stem(name) + "-" + RECIPE + ".mp4", out -> {
      try (HeldFrames video = new HeldFrames(source)) {
        Rational fps = video.nominalRate();
        long half = halfUs(video.endUs(), fps);
        PcmAudio sound = audioOrNull(source);
        PcmAudio firstSound = sound == null ? null : sound.slice(0, half / 1000);
        try (ClipEncoder encoder = new ClipEncoder(out, video.width(), video.height(), fps, firstSound)) {
          for (long n = 0; timeUs(n, fps) < half; n++) {
            encoder.write(video.at(timeUs(n, fps)));
          }
          encoder.finish();
        }
      }
    });
  }

  /**
   * A silent clip of a face that never moves: the frame a shared clip shows at {@code atMs}, held for
   * {@code seconds} at the clip's nominal rate, with no sound. A real face the tracker finds in every
   * frame, whose mouth is one shape throughout: a source too poor to draw speech from.
   */
  public static Path stillFace(String name, long atMs, int seconds) {
    Path source = video(name);
    return MediaCache.get(String.format(Locale.ROOT, "still-%s-%d-%ds-%s.mp4", stem(name), atMs, seconds, RECIPE), out -> {
      try (HeldFrames video = new HeldFrames(source)) {
        Rational fps = video.nominalRate();
        Frame still = video.at(atMs * 1000);
        try (ClipEncoder encoder = new ClipEncoder(out, video.width(), video.height(), fps, null)) {
          long frames = frameCount(seconds * 1_000_000L, fps);
          for (long n = 0; n < frames; n++) {
            encoder.write(still);
          }
          encoder.finish();
        }
      }
    });
  }

  /** Where a constant-rate shared clip splits in two for {@link #firstHalf}: its middle frame's time. */
  public static long halfUs(String name) {
    try (HeldFrames video = new HeldFrames(video(name))) {
      return halfUs(video.endUs(), video.nominalRate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long halfUs(long endUs, Rational fps) {
    return timeUs(frameCount(endUs, fps) / 2, fps);
  }

  /**
   * A 1280x720 25 fps video of {@code seconds} seconds with ONE face throughout, for lip-sync
   * benchmarks: a shared speaking clip played forwards then backwards, again and again (no cut, so
   * the face keeps one face_id), scaled to 720 high and padded (black) to 1280 wide, with its own
   * sound looped the same way (48 kHz stereo).
   */
  public static Path oneFace720p(String name, int seconds) {
    Path source = video(name);
    return MediaCache.get("one-face-720p-" + stem(name) + "-" + seconds + "s-" + RECIPE + ".mp4", out -> {
      Rational fps = new Rational(25, 1);
      long total = frameCount(seconds * 1_000_000L, fps);
      int rate = 48_000;
      PcmAudio own = TestAudio.decode(source, rate, 2);
      List<Frame> frames = new ArrayList<>();
      try (HeldFrames clip = new HeldFrames(source, 720);
          FFmpegFrameFilter fit = HeldFrames.filter("pad=1280:720:(ow-iw)/2:0", fps, clip)) {
        long n = frameCount(clip.endUs(), fps);
        for (long i = 0; i < n; i++) {
          fit.push(clip.at(timeUs(i, fps)));
          Frame f;
          while ((f = fit.pull()) != null) {
            frames.add(f.clone());
          }
        }
      }
      int clipFrames = frames.size();
      int samplesPerFrame = rate / 25 * 2;
      float[] sound = new float[(int) total * samplesPerFrame];
      try (ClipEncoder encoder = new ClipEncoder(out, 1280, 720, fps, new PcmAudio(sound, rate, 2))) {
        for (long t = 0; t < total; t++) {
          long cycle = t % (2L * clipFrames - 2);
          int index = (int) (cycle < clipFrames ? cycle : 2L * clipFrames - 2 - cycle);
          int from = index * samplesPerFrame;
          int length = Math.max(0, Math.min(samplesPerFrame, own.samples().length - from));
          // Sound backwards would not be speech: each frame keeps its own 40 ms forwards.
          System.arraycopy(own.samples(), Math.min(from, own.samples().length), sound, (int) t * samplesPerFrame, length);
          encoder.write(frames.get(index));
        }
        encoder.finish();
      } finally {
        frames.forEach(Frame::close);
      }
    });
  }

  /**
   * A 1280x720 25 fps video of {@code seconds} seconds, for benchmarks and memory checks: the
   * shared 25 fps speaking clips one after the other, looped, each scaled to 720 high and padded
   * (black) to 1280 wide, each with its own audio (48 kHz stereo).
   */
  public static Path long720p(int seconds) {
    List<Path> sources = SPEAKING_25FPS.stream().map(TestMedia::video).toList();
    return MediaCache.get("long720p-" + seconds + "s-" + RECIPE + ".mp4", out -> {
      Rational fps = new Rational(25, 1);
      long total = frameCount(seconds * 1_000_000L, fps);
      int rate = 48_000;
      float[] sound = new float[(int) (total * rate / 25) * 2];
      List<PcmAudio> audios = sources.stream().map(p -> TestAudio.decode(p, rate, 2)).toList();
      try (ClipEncoder encoder = new ClipEncoder(out, 1280, 720, fps, new PcmAudio(sound, rate, 2))) {
        for (int shot = 0; encoder.framesWritten() < total; shot++) {
          int source = shot % sources.size();
          long first = encoder.framesWritten();
          // The soundtrack is filled shot by shot, ahead of the encoder reading it.
          try (HeldFrames clip = new HeldFrames(sources.get(source), 720);
              FFmpegFrameFilter fit = HeldFrames.filter("pad=1280:720:(ow-iw)/2:0", fps, clip)) {
            long frames = Math.min(frameCount(clip.endUs(), fps), total - first);
            PcmAudio audio = audios.get(source);
            int at = (int) (first * rate / 25) * 2;
            int length = (int) Math.min(audio.samples().length, Math.min(frames * rate / 25 * 2, sound.length - at));
            System.arraycopy(audio.samples(), 0, sound, at, length);
            for (long n = 0; n < frames; n++) {
              fit.push(clip.at(timeUs(n, fps)));
              encoder.writeReady(fit);
            }
          }
        }
        encoder.finish();
      }
    });
  }

  /**
   * A synthetic clip for checking audio/video alignment: 4 s of 320x240 mid-grey frames at
   * {@code fps}, all but frame {@code round(2 s * fps)}, which is white; 44.1 kHz mono silence but
   * for a 5 ms 2 kHz tone burst starting exactly when the white frame is shown.
   */
  public static FlashClick flashClick(Rational fps) {
    long flashFrame = Math.round(2.0 * fps.toDouble());
    long flashUs = timeUs(flashFrame, fps);
    Path file = MediaCache.get(String.format(Locale.ROOT, "flash-click-%d_%d-%s.mp4", fps.num(), fps.den(), RECIPE), out -> {
      int rate = 44_100;
      long frames = frameCount(4_000_000L, fps);
      float[] sound = new float[(int) (frames * fps.den() * rate / fps.num())];
      int clickAt = (int) Math.round(flashUs * rate / 1e6);
      for (int i = 0; i < rate * 5 / 1000; i++) {
        sound[clickAt + i] = (float) (0.8 * Math.sin(2 * Math.PI * 2000 * i / rate));
      }
      try (Frame grey = solid(320, 240, 128);
          Frame white = solid(320, 240, 255);
          ClipEncoder encoder = new ClipEncoder(out, 320, 240, fps, new PcmAudio(sound, rate, 1))) {
        for (long n = 0; n < frames; n++) {
          encoder.write(n == flashFrame ? white : grey);
        }
        encoder.finish();
      }
    });
    return new FlashClick(file, flashFrame, flashUs);
  }

  /** A flash-and-click clip and where its marks are: frame index and time from the file's start. */
  public record FlashClick(Path file, long flashFrame, long flashUs) {}

  /** A zero-byte file named like a video. */
  public static Path emptyFile() {
    return MediaCache.get("empty.mp4", out -> { });
  }

  /** A real mp4 (retalking_face2.mp4) cut after its first 4 KiB: its index (moov) is missing. */
  public static Path corruptVideo() {
    Path source = video("retalking_face2.mp4");
    return MediaCache.get("truncated-4k-retalking_face2.mp4", out -> {
      try (InputStream in = Files.newInputStream(source)) {
        Files.write(out, in.readNBytes(4096));
      }
    });
  }

  /**
   * clip2997() cut in half: an mp4 whose header and index (written first) are whole but whose
   * second half of frames is missing, as after an interrupted upload.
   */
  public static Path truncatedVideo() {
    Path source = clip2997();
    return MediaCache.get("truncated-half-clip2997-" + RECIPE + ".mp4", out -> {
      try (InputStream in = Files.newInputStream(source)) {
        Files.write(out, in.readNBytes((int) (Files.size(source) / 2)));
      }
    });
  }

  /**
   * retalking_2.wav (48 kHz stereo speech) as 24-bit PCM WAV, as studio tools write speech: a
   * sample format other than the 16 bits of the other wavs.
   */
  public static Path wav24bit() {
    Path source = audio("retalking_2.wav");
    // The 24-bit encoder takes 32-bit integer samples.
    return MediaCache.get("retalking_2-s24-" + RECIPE + ".wav", out -> TestAudio.write(TestAudio.decode(source), out, "wav",
        avcodec.AV_CODEC_ID_PCM_S24LE, avutil.AV_SAMPLE_FMT_S32, null));
  }

  /** A file with sound and no picture: a wav of the repository's media. */
  public static Path audioOnly() {
    return audio("retalking_1.wav");
  }

  /** Plain text under a video's name, as when the wrong file is uploaded. */
  public static Path textFile() {
    return MediaCache.get("not-a-video.mp4", out -> Files.writeString(out, "This is a text file, not a video.\n"));
  }

  // --- the repository's media ------------------------------------------------------------------

  /** The repository's media folder (video/, audio/, motion-corpus/, SOURCES.tsv). */
  public static Path media() {
    List<Path> tried = new ArrayList<>();
    String property = System.getProperty("mouthpiece.media");
    if (property != null) {
      tried.add(Path.of(property));
    }
    // Run outside Maven (an IDE, the benchmark): the media folder of this folder or any above.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      tried.add(dir.resolve("media"));
    }
    return tried.stream().filter(d -> Files.isRegularFile(d.resolve("SOURCES.tsv"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("the repository's media folder (media/ with SOURCES.tsv) is not"
            + " found; looked in " + tried));
  }

  private static Path file(String kind, String name) {
    Path file = media().resolve(kind).resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no " + kind + " named " + name + " in " + file.getParent() + " (see SOURCES.tsv)");
    }
    return file;
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Frame solid(int width, int height, int level) {
    Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    ByteBuffer pixels = (ByteBuffer) frame.image[0];
    while (pixels.hasRemaining()) {
      pixels.put((byte) level);
    }
    pixels.flip();
    return frame;
  }

  static PcmAudio audioOrNull(Path video) {
    return TestAudio.soundtrack(video).orElse(null);
  }

  /** Frames of a constant-rate clip lasting {@code durationUs}: those starting before its end. */
  static long frameCount(long durationUs, Rational fps) {
    return Math.floorDiv(durationUs * fps.num() + fps.den() * 1_000_000L - 1, fps.den() * 1_000_000L);
  }

  /** When frame n of a constant-rate clip is shown, in microseconds (rounded down). */
  static long timeUs(long n, Rational fps) {
    return n * fps.den() * 1_000_000L / fps.num();
  }

  /** A file name without its extension. */
  public static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }
}
