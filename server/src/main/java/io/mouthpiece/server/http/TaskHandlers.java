package io.mouthpiece.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.task.api.AdvancedLipSyncRequest;
import io.mouthpiece.server.task.api.LipSyncRequest;
import io.mouthpiece.server.task.Task;
import io.mouthpiece.server.task.TaskPlan;
import io.mouthpiece.server.task.api.TaskRequests;
import io.mouthpiece.server.task.api.TaskService;
import io.mouthpiece.server.task.TaskView;

/** Create, get, list and cancel tasks (kling-api.md §2, §3, §4; cancel is ours): parse, call the task service, render. */
final class TaskHandlers {
  private final RequestJson json;
  private final TaskRequests requests;
  private final TaskService tasks;
  private final TaskView view;

  TaskHandlers(RequestJson json, TaskRequests requests, TaskService tasks, TaskView view) {
    this.json = json;
    this.requests = requests;
    this.tasks = tasks;
    this.view = view;
  }

  void createAdvanced(Context ctx, Account account) {
    AdvancedLipSyncRequest r = json.read(ctx, AdvancedLipSyncRequest.class);
    TaskPlan plan = requests.advanced(account.id(), r);
    created(ctx, tasks.create(account, Task.ADVANCED, plan, r.callbackUrl(), r.externalTaskId()));
  }

  void createLipSync(Context ctx, Account account) {
    LipSyncRequest r = json.read(ctx, LipSyncRequest.class);
    TaskPlan plan = requests.lipSync(account.id(), r);
    created(ctx, tasks.create(account, Task.LIP_SYNC, plan, r.callbackUrl(), r.externalTaskId()));
  }

  /** The creation answer: task_id, task_status, task_info, created_at, updated_at. */
  private void created(Context ctx, Task t) {
    ObjectNode data = Envelope.JSON.createObjectNode();
    data.put("task_id", t.id());
    data.put("task_status", t.status().wire());
    data.putObject("task_info").put("external_task_id", t.externalTaskId());
    data.put("created_at", t.createdAt());
    data.put("updated_at", t.updatedAt());
    Envelope.ok(ctx, data);
  }

  void get(Context ctx, Account account, String kind) {
    Envelope.ok(ctx, view.render(tasks.find(account, kind, ctx.pathParam("id"))));
  }

  /** [ours] The cancelled task, as GET would show it now. */
  void cancel(Context ctx, Account account, String kind) {
    Envelope.ok(ctx, view.render(tasks.cancel(account, kind, ctx.pathParam("id"))));
  }

  void list(Context ctx, Account account, String kind) {
    int pageNum = intParam(ctx, "pageNum", 1, 1, 1000);
    int pageSize = intParam(ctx, "pageSize", 30, 1, 500);
    ArrayNode data = Envelope.JSON.createArrayNode();
    tasks.list(account, kind, pageNum, pageSize).forEach(t -> data.add(view.render(t)));
    Envelope.ok(ctx, data);
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw KlingException.invalidParameter(name + ": must be a whole number from " + min + " to " + max + ", got '" + v + "'");
  }
}
