package io.mouthpiece.server.auth;

/** A new account's credentials, shown once: the API key is stored only as a hash. */
public record AccountKeys(String accountId, String name, String apiKey, String accessKey, String secretKey) {}
