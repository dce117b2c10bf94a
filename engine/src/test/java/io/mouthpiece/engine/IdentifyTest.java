package io.mouthpiece.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.speaker.FacesFound;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** identify on real media: the speaking face, several faces, a face that leaves, odd inputs. */
class IdentifyTest {
  /** One frame at the slowest shared rate, and a little: how far a face's times may be off. */
  private static final long SLACK_MS = 80;

  private static FacesFound identify(Path video) throws MediaException {
    return LipSync.identify(video, IdentifyConfig.DEFAULT, Progress.NONE);
  }

  private static void assertCoversVideo(FaceTrack face, FacesFound id) {
    assertTrue(face.startMs() <= SLACK_MS, "face " + face.faceId() + " starts at " + face.startMs() + " ms");
    assertTrue(face.endMs() >= id.video().durationMs() - SLACK_MS,
        "face " + face.faceId() + " ends at " + face.endMs() + " of " + id.video().durationMs() + " ms");
  }

  private static void assertCropIsAFacePicture(FaceTrack face) {
    try (BytePointer bytes = new BytePointer(face.cropPng());
        Mat png = new Mat(1, face.cropPng().length, org.bytedeco.opencv.global.opencv_core.CV_8U, bytes);
        Mat decoded = opencv_imgcodecs.imdecode(png, opencv_imgcodecs.IMREAD_COLOR)) {
      assertTrue(decoded.cols() >= 64 && decoded.rows() >= 64, "crop of face " + face.faceId() + " is "
          + decoded.cols() + "x" + decoded.rows());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"retalking_face1.mp4", "retalking_face2.mp4", "retalking_face3.mp4",
      "retalking_face5.mp4", "sadtalker_WDA_AOC_000.mp4", "musetalk_sun.mp4"})
  void findsExactlyTheOneFaceThroughTheWholeVideo(String name) throws Exception {
    FacesFound id = identify(TestMedia.video(name));
    assertEquals(1, id.faces().size(), name + ": " + id.faces());
    FaceTrack face = id.faces().get(0);
    assertEquals("0", face.faceId());
    assertCoversVideo(face, id);
    assertTrue(face.frameCount() >= id.analysedFrames() * 0.95,
        "found in " + face.frameCount() + " of " + id.analysedFrames() + " frames looked at");
    assertCropIsAFacePicture(face);
  }

  @Test
  void variableFrameRateTimesAreTheFramesOwn() throws Exception {
    FacesFound id = identify(TestMedia.video("retalking_face1.mp4"));
    assertEquals(135, id.frames());
    FaceTrack face = id.faces().get(0);
    // 135 frames at a nominal 30 fps would be 4.5 s; the real timestamps run to 6.13 s.
    assertEquals(6133, face.endMs(), 34);
  }

  @Test
  void everyFrameCanBeAnalysedAndGivesTheSameAnswer() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    FacesFound all = LipSync.identify(video, IdentifyConfig.DEFAULT.withAnalysisFps(0), Progress.NONE);
    FacesFound some = identify(video);
    assertEquals(125, all.frames());
    assertEquals(125, all.analysedFrames());
    assertEquals(125, some.frames(), "every frame is decoded");
    assertEquals(63, some.analysedFrames(), "12.5 of the 25 frames a second are looked at");
    assertEquals(all.faces().size(), some.faces().size());
    assertEquals(all.faces().get(0).startMs(), some.faces().get(0).startMs());
    assertEquals(all.faces().get(0).endMs(), some.faces().get(0).endMs());
  }

  @Test
  void at2997FpsTheFaceCoversTheClip() throws Exception {
    FacesFound id = identify(TestMedia.clip2997());
    assertEquals(1, id.faces().size());
    assertCoversVideo(id.faces().get(0), id);
  }

  @Test
  void twoPeopleSideBySideAreTwoFaces() throws Exception {
    FacesFound id = identify(TestMedia.sideBySide("retalking_face2.mp4", "retalking_face5.mp4"));
    assertEquals(2, id.faces().size(), id.faces().toString());
    for (FaceTrack face : id.faces()) {
      assertCoversVideo(face, id);
      assertCropIsAFacePicture(face);
    }
  }

  @Test
  void aFaceAwayForMoreThanOneSecondComesBackUnderANewId() throws Exception {
    long atMs = 2000;
    long awayMs = 1500;
    FacesFound id = identify(TestMedia.cutIn("retalking_face2.mp4", "musetalk_yongen.mp4", atMs, awayMs));
    List<FaceTrack> faces = id.faces();
    assertTrue(faces.size() >= 2, faces.toString());
    FaceTrack before = faces.get(0);
    FaceTrack after = faces.get(faces.size() - 1);
    assertEquals(0, before.startMs(), SLACK_MS);
    assertEquals(atMs, before.endMs(), SLACK_MS, "the first appearance ends at the cut");
    assertEquals(atMs + awayMs, after.startMs(), SLACK_MS, "the face comes back after the cut-in");
    assertTrue(after.endMs() >= id.video().durationMs() - SLACK_MS);
    assertTrue(!before.faceId().equals(after.faceId()));
    // Whatever the cut-in shot holds (its own face, or none) lies inside the cut-in.
    for (FaceTrack other : faces.subList(1, faces.size() - 1)) {
      assertTrue(other.startMs() >= atMs - SLACK_MS && other.endMs() <= atMs + awayMs + SLACK_MS, other.toString());
    }
  }

  @Test
  void anIllustratedFaceDoesNotCrash() throws Exception {
    FacesFound id = identify(TestMedia.video("musetalk_yongen.mp4"));
    assertEquals(268, id.frames());
    for (FaceTrack face : id.faces()) {
      assertTrue(face.startMs() >= 0 && face.endMs() <= id.video().durationMs() + SLACK_MS && face.endMs() > face.startMs());
    }
  }

  @Test
  void brokenInputsAreClearErrors() {
    for (Path bad : List.of(TestMedia.emptyFile(), TestMedia.corruptVideo(), TestMedia.audioOnly(), TestMedia.textFile())) {
      MediaException e = assertThrows(MediaException.class, () -> identify(bad), bad.toString());
      assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
    }
  }
}
