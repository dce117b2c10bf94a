package io.mouthpiece.engine.face;

import io.mouthpiece.engine.media.VideoInfo;
import java.util.List;

/**
 * The faces of a video.
 *
 * @param frames frames in the video (all decoded)
 * @param analysedFrames frames looked at for faces (see {@link IdentifyConfig#analysisFps()})
 * @param note why there is no face, when there is none; empty otherwise
 */
public record Identification(VideoInfo video, List<FaceTrack> faces, int frames, int analysedFrames, String note) {}
