package io.mouthpiece.server.task;

/** Kling's task statuses, spelled as Kling spells them ("succeed"). */
public enum TaskStatus {
  SUBMITTED, PROCESSING, SUCCEED, FAILED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static TaskStatus fromWire(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  public boolean isFinal() {
    return this == SUCCEED || this == FAILED;
  }
}
