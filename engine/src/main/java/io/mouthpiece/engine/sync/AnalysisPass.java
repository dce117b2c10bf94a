package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.FaceTrackBuilder;
import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.FrameWorker;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.mouth.MouthCover;
import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * The first walk through a video for a lip-sync. In: the video and the face ids to re-voice (null:
 * every face, when the caller picks one afterwards, e.g. the one that speaks most).
 * Out: every frame's timestamp and, for each wanted face, its landmarks in every frame, the frames
 * where something covers its mouth ({@link MouthCover}, known once every frame is seen) and its
 * mouth library, without those frames. Faces get the same ids identify gives (the same tracker and track rules).
 * Frames are decoded, looked at and let go; a face missing from a frame is just absent there.
 */
public final class AnalysisPass {
  private AnalysisPass() {}

  /** The result: frame times and the wanted faces. Closing it frees the libraries. */
  public record Analysis(VideoInfo info, long[] frameTimesUs, List<FaceTrack> tracks, Map<String, FaceData> faces)
      implements AutoCloseable {
    public int frames() {
      return frameTimesUs.length;
    }

    /** When the video ends: its last frame's end. */
    public long endUs() {
      return info.endUs(frameTimesUs[frameTimesUs.length - 1]);
    }

    /** Frees the faces not in {@code wanted} (their libraries), once the faces to re-voice are known. */
    public void keepOnly(Set<String> wanted) {
      faces.entrySet().removeIf(e -> {
        if (wanted.contains(e.getKey())) {
          return false;
        }
        e.getValue().close();
        return true;
      });
    }

    @Override
    public void close() {
      faces.values().forEach(FaceData::close);
    }
  }

  public static Analysis run(Path video, Set<String> faceIds, FaceTrackerConfig tracking, int maxExemplars,
      DoubleConsumer progress) throws MediaException {
    VideoReader reader = VideoReader.open(video);
    VideoInfo info = reader.info();
    Map<String, FaceData> faces = new LinkedHashMap<>();
    // Filled on the cutter's thread; read here only after it finished (or was stopped, on failure).
    Map<String, MouthLibrary.Builder> libraries = new HashMap<>();
    Map<String, MouthCover> covers = new HashMap<>();
    boolean everyFace = faceIds == null;
    if (!everyFace) {
      for (String id : faceIds) {
        faces.put(id, new FaceData(id));
      }
    }
    long[] times = new long[1024];
    int count = 0;
    List<FaceTrack> found;
    try (ReadAhead frames = new ReadAhead(reader);
        FaceTracker tracker = new FaceTracker(tracking);
        FaceTrackBuilder tracks = new FaceTrackBuilder();
        FrameWorker cutter = new FrameWorker("library-cutter", CUT_DEPTH)) {
      Optional<VideoFrame> next;
      while ((next = frames.read()).isPresent()) {
        VideoFrame frame = next.get();
        List<Offer> offers = new ArrayList<>();
        try {
          List<TrackedFace> seen = tracker.track(frame.bgr(), frame.timestampUs());
          tracks.accept(frame.bgr(), frame.timestampUs(), seen, tracker.cutBefore());
          for (TrackedFace f : seen) {
            String id = tracks.faceIdOf(f.trackId());
            FaceData data = everyFace ? faces.computeIfAbsent(id, FaceData::new) : faces.get(id);
            if (data == null) {
              continue;
            }
            FaceLandmarks l = f.smoothed();
            double[] shape = MouthParams.of(f.raw());
            data.set(frame.index(), l, shape);
            offers.add(new Offer(id, l, shape));
          }
          if (count == times.length) {
            times = java.util.Arrays.copyOf(times, count * 2);
          }
          times[count++] = frame.timestampUs();
        } catch (RuntimeException e) {
          frame.close();
          throw e;
        }
        // The mouths are cut from the frame, and looked at for a cover, on the cutter's thread while
        // this one tracks the next.
        cutter.submit(frame, f -> {
          for (Offer o : offers) {
            libraries.computeIfAbsent(o.faceId(),
                k -> new MouthLibrary.Builder(pxPerUnit(o.landmarks()), maxExemplars, info.width(), info.height()))
                .add(f.index(), f.timestampUs() / 1e6, f.bgr(), o.landmarks(), o.shape());
            covers.computeIfAbsent(o.faceId(), k -> new MouthCover()).add(f.index(), f.bgr(), o.landmarks());
          }
        });
        if (info.durationUs() > 0) {
          progress.accept(Math.min(1.0, times[count - 1] / (double) info.durationUs()));
        }
      }
      cutter.finish();
      long lastUs = count == 0 ? 0 : times[count - 1];
      found = tracks.finish(info.endUs(lastUs));
    } catch (MediaException | RuntimeException e) {
      faces.values().forEach(FaceData::close);
      libraries.values().forEach(b -> b.build().close());
      covers.values().forEach(MouthCover::close);
      throw e;
    }
    try {
      libraries(faces, libraries, covers, times, count);
    } catch (RuntimeException e) {
      faces.values().forEach(FaceData::close);
      throw e;
    } finally {
      covers.values().forEach(MouthCover::close);
    }
    if (count == 0) {
      faces.values().forEach(FaceData::close);
      throw new MediaException("no frame could be decoded from " + video.getFileName());
    }
    return new Analysis(info, java.util.Arrays.copyOf(times, count), found, faces);
  }

  /** A face seen in a frame, to offer its mouth to the face's library. */
  private record Offer(String faceId, FaceLandmarks landmarks, double[] shape) {}

  /** Frames tracked and waiting for their mouths to be cut: the cutter's work a frame varies with the library's stride. */
  private static final int CUT_DEPTH = 3;

  /**
   * Each face's covered frames, now that all its frames are seen, and its library without them and
   * the frames near them.
   */
  private static void libraries(Map<String, FaceData> faces, Map<String, MouthLibrary.Builder> libraries,
      Map<String, MouthCover> covers, long[] times, int count) {
    for (Map.Entry<String, MouthLibrary.Builder> e : libraries.entrySet()) {
      FaceData face = faces.get(e.getKey());
      boolean[] covered = covers.get(e.getKey()).covered(count);
      for (int i = 0; i < covered.length; i++) {
        if (covered[i]) {
          face.cover(i);
        }
      }
      boolean[] unfit = MouthCover.near(covered, times, count, LIBRARY_MARGIN_US);
      face.library(e.getValue().build(i -> i < unfit.length && unfit[i]));
    }
  }

  /**
   * Frames this near a covered one are not mouths to draw either: the object is on its way in or
   * out, over the cheek or the chin of the lower face an exemplar is cut from, though not yet over
   * most of the lips. Half a second: an object is moved across a face in about that. Chosen when
   * written, not measured.
   */
  static final long LIBRARY_MARGIN_US = 500_000;

  /**
   * Smallest scale an exemplar is kept at (pixels per interocular distance): below it a mouth is a
   * few pixels across and its library would keep blur; such faces are upscaled to it. Chosen when
   * written, not measured.
   */
  static final int MIN_PX_PER_UNIT = 48;
  /**
   * Largest: a close-up keeps its exemplars at this scale, bounding their memory (each is a
   * {@link io.mouthpiece.engine.mouth.LowerFace} window of 2.3 x 1.6 units: at most 506 x 352 px).
   * Chosen when written, not measured.
   */
  static final int MAX_PX_PER_UNIT = 220;

  /** Exemplars at the face's own size in the video: no detail lost, none made up, within the bounds above. */
  private static double pxPerUnit(FaceLandmarks l) {
    return Math.max(MIN_PX_PER_UNIT, Math.min(MAX_PX_PER_UNIT, Math.round(l.interocular())));
  }
}
