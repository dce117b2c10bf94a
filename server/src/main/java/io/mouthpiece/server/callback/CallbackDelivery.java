package io.mouthpiece.server.callback;

import org.jobrunr.jobs.lambdas.JobRequest;

/** A callback to deliver again (a JobRunr job, so it survives restarts): attempt n waits 3^n s after the previous one. */
public final class CallbackDelivery implements JobRequest {
  public String taskId;
  public String url;
  public String body;
  public String eventId;
  public int attempt;

  public CallbackDelivery() {}

  public CallbackDelivery(String taskId, String url, String body, String eventId, int attempt) {
    this.taskId = taskId;
    this.url = url;
    this.body = body;
    this.eventId = eventId;
    this.attempt = attempt;
  }

  @Override
  public String toString() {
    return "task " + taskId + " attempt " + attempt;
  }

  @Override
  public Class<CallbackRetryHandler> getJobRequestHandler() {
    return CallbackRetryHandler.class;
  }
}
