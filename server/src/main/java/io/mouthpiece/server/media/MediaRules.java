package io.mouthpiece.server.media;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.TooLongException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * kling-api.md §1's video rules and §2's audio rules, checked by decoding the file with the
 * engine's own readers: whatever its name or declared type says, a file that does not decode is
 * refused, with the field and the rule in the message.
 */
public final class MediaRules {
  private final ServerConfig.Media media;

  public MediaRules(ServerConfig.Media media) {
    this.media = media;
  }

  /** The video's facts once it passed: an .mp4/.mov container, size, length and sides within bounds, one frame decodes. */
  public VideoInfo checkVideo(String field, Path file, long sizeBytes) throws InputRejected {
    if (sizeBytes > media.maxVideoBytes()) {
      throw new InputRejected(field + ": the video is " + sizeBytes + " bytes, more than the limit of " + media.maxVideoBytes());
    }
    VideoInfo info;
    try (VideoReader reader = VideoReader.open(file)) {
      info = reader.info();
      var first = reader.read();
      if (first.isEmpty()) {
        throw new InputRejected(field + ": the video has no decodable frame");
      }
      first.get().close();
    } catch (MediaException e) {
      throw InputRejected.undecodable(field + ": not a decodable video (" + reason(e, file) + ")");
    }
    String container = info.container() == null ? "" : info.container().toLowerCase(Locale.ROOT);
    if (!container.contains("mp4") && !container.contains("mov")) {
      throw new InputRejected(field + ": the video must be an .mp4 or .mov file, got a " + info.container() + " file");
    }
    long ms = info.durationMs();
    if (ms < media.minVideoMs() || ms > media.maxVideoMs()) {
      throw new InputRejected(String.format(Locale.ROOT, "%s: the video must be %.1f to %.1f s long, got %.2f s", field,
          media.minVideoMs() / 1000.0, media.maxVideoMs() / 1000.0, ms / 1000.0));
    }
    for (int side : new int[] {info.width(), info.height()}) {
      if (side < media.minSidePx() || side > media.maxSidePx()) {
        throw new InputRejected(field + ": width and height must each be " + media.minSidePx() + " to "
            + media.maxSidePx() + " px, got " + info.width() + "x" + info.height());
      }
    }
    return info;
  }

  /** The audio's length in ms, measured by decoding it all; refuses files over the size limit or not audio. */
  public long checkAudio(String field, Path file, long sizeBytes) throws InputRejected {
    if (sizeBytes > media.maxAudioBytes()) {
      throw new InputRejected(field + ": the audio is " + sizeBytes + " bytes, more than the limit of " + media.maxAudioBytes());
    }
    try {
      PcmAudio pcm = AudioReader.decode(file, 8000, 1, TimingRules.MAX_AUDIO_MS + 1000);
      return pcm.durationMs();
    } catch (TooLongException e) {
      throw new InputRejected(field + ": the audio is longer than " + TimingRules.MAX_AUDIO_MS / 1000 + " s");
    } catch (MediaException e) {
      throw InputRejected.undecodable(field + ": not decodable audio (" + reason(e, file) + ")");
    }
  }

  /**
   * The engine's reason without the file's name: here it is a temporary name of ours, which means
   * nothing to the client ("not a decodable audio file: part-88.upload (...)" reads
   * "not a decodable audio file (...)"; "no audio stream in part-88.upload", "... in the file").
   */
  static String reason(MediaException e, Path file) {
    return withoutFileNames(e.getMessage(), Map.of(file, "the file"));
  }

  /**
   * A message of the engine's with the names of our local files put in the client's words: each
   * file's name after a colon is dropped, elsewhere it is replaced by what the file is to the
   * client (e.g. "the video"). A job's failure message must not show the service's own file names.
   */
  public static String withoutFileNames(String message, Map<Path, String> clientWords) {
    String out = message;
    for (Map.Entry<Path, String> e : clientWords.entrySet()) {
      String name = e.getKey().getFileName().toString();
      out = out.replace(": " + name, "").replace(name, e.getValue());
    }
    return out;
  }
}
