package io.mouthpiece.server.callback;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Runs a {@link CallbackDelivery}; the sender schedules the next attempt itself, so JobRunr never retries it. */
public final class CallbackRetryHandler implements JobRequestHandler<CallbackDelivery> {
  private final CallbackSender sender;

  public CallbackRetryHandler(CallbackSender sender) {
    this.sender = sender;
  }

  @Override
  @Job(name = "callback %0", retries = 0)
  public void run(CallbackDelivery delivery) {
    sender.attempt(delivery);
  }
}
