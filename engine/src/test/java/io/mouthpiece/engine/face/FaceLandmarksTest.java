package io.mouthpiece.engine.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The mesh's named contours: built from their halves, in the order measurements rely on. */
class FaceLandmarksTest {
  @Test
  void lipLoopsGoRoundTheLowerLipFirstThenBackAlongTheUpper() {
    // The loops as they were spelled out before the halves were named: MouthShape vectors are laid
    // out in this order, and sums over the loops (mouth distances, the mouth's centre) add in it.
    assertArrayEquals(new int[] {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185},
        FaceLandmarks.LIPS_OUTER);
    assertArrayEquals(new int[] {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191},
        FaceLandmarks.LIPS_INNER);
  }

  @Test
  void halvesShareTheirCornersAndNameTheMiddles() {
    int[][] outer = {FaceLandmarks.UPPER_LIP_OUTER, FaceLandmarks.LOWER_LIP_OUTER};
    int[][] inner = {FaceLandmarks.UPPER_LIP_INNER, FaceLandmarks.LOWER_LIP_INNER};
    for (int[] half : outer) {
      assertEquals(FaceLandmarks.MOUTH_RIGHT, half[0]);
      assertEquals(FaceLandmarks.MOUTH_LEFT, half[half.length - 1]);
    }
    for (int[] half : inner) {
      assertEquals(FaceLandmarks.INNER_MOUTH_RIGHT, half[0]);
      assertEquals(FaceLandmarks.INNER_MOUTH_LEFT, half[half.length - 1]);
    }
    assertEquals(FaceLandmarks.UPPER_LIP_INNER_MIDDLE, FaceLandmarks.UPPER_LIP_INNER[5]);
    assertEquals(FaceLandmarks.LOWER_LIP_INNER_MIDDLE, FaceLandmarks.LOWER_LIP_INNER[5]);
    for (int[] pair : FaceLandmarks.LIP_GAP_PAIRS) {
      assertTrue(contains(FaceLandmarks.UPPER_LIP_INNER, pair[0]) && contains(FaceLandmarks.LOWER_LIP_INNER, pair[1]),
          Arrays.toString(pair));
    }
  }

  @Test
  void theChinIsTheMiddleOfTheJawLine() {
    assertArrayEquals(FaceLandmarks.CHIN, Arrays.copyOfRange(FaceLandmarks.JAW_LINE, 4, 9));
    assertEquals(FaceLandmarks.CHIN_TIP, FaceLandmarks.CHIN[2]);
  }

  @Test
  void joinKeepsOrder() {
    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, FaceLandmarks.join(new int[] {1, 2}, new int[] {}, new int[] {3, 4, 5}));
  }

  private static boolean contains(int[] set, int point) {
    return Arrays.stream(set).anyMatch(p -> p == point);
  }
}
