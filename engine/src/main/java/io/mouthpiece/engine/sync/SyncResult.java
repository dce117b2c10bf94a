package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.VideoInfo;

/**
 * What a lip-sync produced, and where its time went.
 *
 * @param faceIds the face re-voiced by each dub, in the request's order (the largest face where
 *     a dub named none)
 * @param analysisSec first walk: decode, track, build libraries
 * @param planSec motion prediction and exemplar choice
 * @param renderSec second walk: decode, draw, encode
 * @param analysisCached whether the analysis was read from the analysis cache, not computed
 */
public record SyncResult(VideoInfo source, int frames, long durationUs, java.util.List<String> faceIds,
    double analysisSec, double planSec, double renderSec, boolean analysisCached) {}
