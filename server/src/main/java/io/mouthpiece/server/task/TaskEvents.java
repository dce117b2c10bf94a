package io.mouthpiece.server.task;

import io.mouthpiece.server.callback.CallbackSender;

/** Tells the outside about a task's status change: its callback receiver, and the metrics. */
public final class TaskEvents {
  private final TaskStore store;
  private final TaskView view;
  private final CallbackSender callbacks;
  private final io.micrometer.core.instrument.MeterRegistry metrics;

  public TaskEvents(TaskStore store, TaskView view, CallbackSender callbacks, io.micrometer.core.instrument.MeterRegistry metrics) {
    this.store = store;
    this.view = view;
    this.callbacks = callbacks;
    this.metrics = metrics;
  }

  /** Reads the task as it is now and sends it; call after each committed status change. */
  public void changed(String taskId) {
    store.get(taskId).ifPresent(t -> {
      metrics.counter("mouthpiece_tasks_status_total", "status", t.status().wire()).increment();
      callbacks.send(t.id(), t.callbackUrl(), view.render(t).toString());
    });
  }
}
