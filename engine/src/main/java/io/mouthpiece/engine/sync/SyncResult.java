package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.report.QualityReport;

/**
 * What a lip-sync produced, and where its time went.
 *
 * @param frames the output's frames: the source's, or more where a sync mode extended the video
 * @param durationUs the output's duration: its last frame's end
 * @param faceIds the face re-voiced by each dub, in the request's order (the largest face where
 *     a dub named none)
 * @param analysisSec first walk: decode, track, build libraries
 * @param planSec motion prediction and exemplar choice
 * @param renderSec second walk: decode, draw, encode
 * @param encodeSec of {@code renderSec}, the time the encoder's thread was busy (x264's call, the mix,
 *     AAC): near {@code renderSec}, the encoder bounds the render
 * @param sourceEndUs the source video's duration, to its last frame's end, as the analysis measured it
 * @param quality each dub's quality report, in the request's order
 * @param analysisCached whether the analysis was read from the analysis cache, not computed
 */
public record SyncResult(VideoInfo source, int frames, long durationUs, java.util.List<String> faceIds,
    double analysisSec, double planSec, double renderSec, double encodeSec, long sourceEndUs, java.util.List<QualityReport> quality,
    boolean analysisCached) {}
