package io.mouthpiece.server.task;

/**
 * A lip-sync task as stored. {@code kind} is the endpoint it was created on
 * ("advanced-lip-sync" or "lip-sync"); the JSON columns are kept as the API shows them.
 */
public record Task(String id, String accountId, String kind, String externalTaskId, TaskStatus status,
    String statusMsg, int progress, String planJson, String callbackUrl, String parentVideoJson, String resultJson,
    int attempts, long createdAt, long updatedAt, long expiresAt) {
  /** Task kinds: the endpoint they were created on. */
  public static final String ADVANCED = "advanced-lip-sync";
  public static final String LIP_SYNC = "lip-sync";
}
