package io.mouthpiece.bench;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * The machine's floor for a video's work, through the same FFmpeg libraries the engine uses:
 * decoding every frame with FFmpeg's own threads and no pixel conversion, and transcoding
 * (decode + encode at the engine's encoder settings, staying in the decoder's pixel format).
 */
final class FfmpegFloor {
  private FfmpegFloor() {}

  /** Seconds to decode every video frame; the frame count is returned through {@code frames[0]}. */
  static double decodeSeconds(Path video, long[] frames) throws Exception {
    long start = System.nanoTime();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.setVideoOption("threads", "auto");
      // RAW: the decoder's own pictures, without JavaCV's swscale conversion to BGR.
      grabber.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
      grabber.start();
      long n = 0;
      while (grabber.grabImage() != null) {
        n++;
      }
      frames[0] = n;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds to decode and re-encode the file (video and audio) as the engine's output is encoded. */
  static double transcodeSeconds(Path video, Path out) throws Exception {
    long start = System.nanoTime();
    io.mouthpiece.engine.media.EncodeConfig s = io.mouthpiece.engine.media.EncodeConfig.DEFAULT;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.setVideoOption("threads", "auto");
      // yuv420p into JavaCV's own buffer (a plain copy, no colour conversion): the decoder's own
      // pictures (RAW) are recycled while the encoder may still read them, which crashes.
      grabber.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
      grabber.start();
      try (org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(out.toFile(),
          grabber.getImageWidth(), grabber.getImageHeight(), grabber.getAudioChannels())) {
        recorder.setFormat("mp4");
        recorder.setFrameRate(grabber.getFrameRate());
        recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
        recorder.setVideoCodecName("libx264");
        recorder.setVideoOption("crf", Integer.toString(s.crf()));
        recorder.setVideoOption("preset", s.preset());
        recorder.setVideoOption("threads", "auto");
        recorder.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
        recorder.setSampleRate(s.audioSampleRate());
        recorder.setAudioBitrate(s.audioBitrate());
        recorder.start();
        org.bytedeco.javacv.Frame f;
        while ((f = grabber.grab()) != null) {
          recorder.record(f, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
        }
        recorder.stop();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
