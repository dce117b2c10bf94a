package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mouthpiece.engine.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFmpeg's SHA-256 of a file is Java's, byte for byte, whatever the file's length against the block. */
class FileDigestTest {
  @TempDir Path temp;

  @Test
  void theDigestIsJavasOwn() throws Exception {
    byte[] random = new byte[(1 << 20) * 2 + 7];
    new Random(7).nextBytes(random);
    for (int length : new int[] {0, 1, 1 << 20, (1 << 20) + 1, random.length}) {
      Path f = temp.resolve("f" + length);
      Files.write(f, java.util.Arrays.copyOf(random, length));
      assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)), FileDigest.sha256(f),
          length + " bytes");
    }
    Path video = TestMedia.video("retalking_face5.mp4");
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(video)), FileDigest.sha256(video));
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThrows(IOException.class, () -> FileDigest.sha256(temp.resolve("none.mp4")));
  }
}
