package io.mouthpiece.engine.face;

/**
 * One face in one frame, as the tracker follows it.
 *
 * @param trackId the tracker's id for a continuous run of frames (not the Kling face_id: see
 *     {@link FaceTrackBuilder})
 * @param raw the mesh's landmarks for this frame
 * @param smoothed the same after temporal smoothing: what drawing and rendering should use
 */
public record TrackedFace(int trackId, FaceLandmarks raw, FaceLandmarks smoothed) {}
