package io.mouthpiece.engine.media;

import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_sha_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_sha_final;
import static org.bytedeco.ffmpeg.global.avutil.av_sha_init;
import static org.bytedeco.ffmpeg.global.avutil.av_sha_update;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVSHA;
import org.bytedeco.javacpp.BytePointer;

/**
 * The SHA-256 of a file, computed by FFmpeg's libavutil. The same digest as Java's own, three times
 * as fast where it matters: the command line runs Java without its optimising compiler (see the
 * launcher), and without it Java's SHA-256 reads about 100 MB a second, FFmpeg's about 300 (0.08
 * against 0.25 s for a minute of 720p; 3.5 against 10 s for a gigabyte).
 */
public final class FileDigest {
  private static final int BLOCK = 1 << 20;

  private FileDigest() {}

  /** The file's SHA-256, 32 bytes. */
  public static byte[] sha256(Path file) throws IOException {
    AVSHA sha = av_sha_alloc();
    if (sha == null || sha.isNull()) {
      throw new IOException("cannot hash " + file.getFileName() + ": out of memory");
    }
    try (BytePointer block = new BytePointer(BLOCK); BytePointer digest = new BytePointer(32);
        FileChannel in = FileChannel.open(file)) {
      av_sha_init(sha, 256);
      ByteBuffer view = block.asByteBuffer();
      for (int n; (n = in.read(view)) >= 0; ) {
        if (n > 0) {
          av_sha_update(sha, block, n);
        }
        view.clear();
      }
      av_sha_final(sha, digest);
      byte[] out = new byte[32];
      digest.get(out);
      return out;
    } finally {
      av_free(sha);
    }
  }
}
