package io.mouthpiece.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Writes a NUT file with a tiny raw video stream and a mono 16-bit PCM stream, each starting at a
 * chosen time: the one container that keeps both exact without an encoder, so a test can place
 * known samples at a known time and check where the reader puts them.
 */
final class NutWriter {
  private static final int VIDEO_FRAME_US = 40_000;

  private NutWriter() {}

  static void write(Path path, short[] pcm, int sampleRate, long audioStartUs, long videoStartUs, int videoFrames) {
    AVFormatContext oc = new AVFormatContext(null);
    check(avformat_alloc_output_context2(oc, null, "nut", path.toString()), "alloc");
    AVStream video = avformat_new_stream(oc, null);
    video.codecpar().codec_type(AVMEDIA_TYPE_VIDEO).codec_id(AV_CODEC_ID_RAWVIDEO).width(16).height(16)
        .format(AV_PIX_FMT_GRAY8);
    video.time_base(av_make_q(1, 25));
    AVStream audio = avformat_new_stream(oc, null);
    audio.codecpar().codec_type(AVMEDIA_TYPE_AUDIO).codec_id(AV_CODEC_ID_PCM_S16LE).sample_rate(sampleRate)
        .format(AV_SAMPLE_FMT_S16).bits_per_coded_sample(16).block_align(2);
    av_channel_layout_default(audio.codecpar().ch_layout(), 1);
    audio.time_base(av_make_q(1, sampleRate));
    AVIOContext pb = new AVIOContext(null);
    check(avio_open(pb, path.toString(), AVIO_FLAG_WRITE), "open");
    oc.pb(pb);
    check(avformat_write_header(oc, (AVDictionary) null), "header");
    AVRational us = av_make_q(1, 1_000_000);
    AVPacket pkt = av_packet_alloc();
    int packetSamples = sampleRate / 100;
    int sample = 0;
    int frame = 0;
    while (sample < pcm.length || frame < videoFrames) {
      long audioUs = audioStartUs + sample * 1_000_000L / sampleRate;
      long videoUs = videoStartUs + (long) frame * VIDEO_FRAME_US;
      if (frame < videoFrames && (sample >= pcm.length || videoUs <= audioUs)) {
        check(av_new_packet(pkt, 256), "packet");
        byte[] gray = new byte[256];
        pkt.data().put(gray);
        stamp(pkt, video, av_rescale_q(videoUs, us, video.time_base()), av_rescale_q(VIDEO_FRAME_US, us, video.time_base()));
        pkt.flags(AV_PKT_FLAG_KEY);
        frame++;
      } else {
        int n = Math.min(packetSamples, pcm.length - sample);
        ByteBuffer bytes = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          bytes.putShort(pcm[sample + i]);
        }
        check(av_new_packet(pkt, n * 2), "packet");
        pkt.data().put(bytes.array());
        stamp(pkt, audio, av_rescale_q(audioUs, us, audio.time_base()),
            av_rescale_q(n, av_make_q(1, sampleRate), audio.time_base()));
        sample += n;
      }
      check(av_interleaved_write_frame(oc, pkt), "write");
    }
    check(av_write_trailer(oc), "trailer");
    avio_closep(oc.pb());
    avformat_free_context(oc);
    av_packet_free(pkt);
  }

  private static void stamp(AVPacket pkt, AVStream stream, long pts, long duration) {
    pkt.stream_index(stream.index());
    pkt.pts(pts);
    pkt.dts(pts);
    pkt.duration(duration);
  }

  private static void check(int result, String step) {
    if (result < 0) {
      throw new IllegalStateException("writing the NUT test file failed at " + step + ": " + result);
    }
  }
}
