package io.mouthpiece.server.store;

/**
 * A file the service holds for an account: an upload, a fetched input, a face crop or a result.
 *
 * @param kind "video", "audio", "image", or "analysis" (a video's analysis kept for its next lip-sync; never
 *     handed out)
 * @param durationMs null for images
 */
public record StoredFile(String id, String accountId, String kind, String storageKey, String contentType,
    long sizeBytes, Long durationMs, long createdAt, long expiresAt) {}
