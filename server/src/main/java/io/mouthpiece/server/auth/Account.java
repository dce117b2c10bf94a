package io.mouthpiece.server.auth;

/** An API caller: everything it creates is its own and invisible to others. */
public record Account(String id, String name, String accessKey, String secretKey, boolean disabled, long createdAt) {}
