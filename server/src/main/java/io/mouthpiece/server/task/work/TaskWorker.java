package io.mouthpiece.server.task.work;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.rules.RequestValue;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.rules.Violation;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.InvalidRequestException;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import io.mouthpiece.server.fetch.FetchException;
import io.mouthpiece.server.media.InputRejected;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.media.MediaRules;
import io.mouthpiece.server.media.Watermark;
import io.mouthpiece.server.store.StoredAnalysisCache;
import io.mouthpiece.server.store.StoredFile;
import io.mouthpiece.server.task.KlingNames;
import io.mouthpiece.server.task.QualityJson;
import io.mouthpiece.server.task.Task;
import io.mouthpiece.server.task.TaskEvents;
import io.mouthpiece.server.task.TaskPlan;
import io.mouthpiece.server.task.TaskStatus;
import io.mouthpiece.server.task.TaskStore;
import io.mouthpiece.server.task.TaskView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Does one task: fetches what it names, checks the audio, runs the engine's lip-sync into a temp
 * file, and commits the result atomically: the file is renamed to a name fixed by the task id and
 * recorded in the same transaction that marks the task succeed. A re-run (after a crash) replaces
 * that same file, so a task never has two results. Bad input ends the task as failed, with the
 * rule it breaks in Kling's field names; only what retrying can help is thrown back to the queue.
 */
public final class TaskWorker {
  private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Share of the progress bar the downloads take; the lip-sync gets the rest but the watermark's. */
  private static final int FETCHED_PERCENT = 5;
  /** The most a running task shows: 100 is the succeed state's, set only once the result is recorded. */
  private static final int MAX_RUNNING_PERCENT = 99;
  /**
   * Share the marked copy takes (watermark_info.enabled), which reports no progress of its own: one
   * more decode and encode of the result, without the face work, so a small part of the whole.
   */
  private static final int WATERMARK_PERCENT = 9;

  private final TaskStore store;
  private final Inputs inputs;
  private final TaskEvents events;
  private final MeterRegistry metrics;
  private final StoredAnalysisCache analyses;

  /** @param analyses where videos' analyses are kept between tasks (each account's its own); null: nowhere */
  public TaskWorker(TaskStore store, Inputs inputs, TaskEvents events, MeterRegistry metrics, StoredAnalysisCache analyses) {
    this.store = store;
    this.inputs = inputs;
    this.events = events;
    this.metrics = metrics;
    this.analyses = analyses;
  }

  /** Thrown to the queue when trying again later can help; JobRunr schedules the retry. */
  public static final class RetryLater extends Exception {
    public RetryLater(String message) {
      super(message);
    }
  }

  /** Processes the task unless it already finished (a duplicate or late run does nothing). */
  public void process(String taskId) throws Exception {
    Task task = store.get(taskId).orElse(null);
    if (task == null || task.status().isFinal()) {
      return;
    }
    if (!store.startAttempt(taskId)) {
      return;
    }
    if (task.status() == TaskStatus.SUBMITTED) {
      events.changed(taskId);
    }
    MDC.put("task_id", taskId);
    try {
      run(task);
    } catch (FinishedElsewhere e) {
      LOG.info("task {}: its render stopped, as the task is {} now", taskId, e.status);
    } catch (InputRejected | MediaException e) {
      if (Thread.currentThread().isInterrupted()) {
        // The queue interrupted the job (a shutdown whose grace ran out) while the render waited on
        // a frame, which the engine reports as a media error: not the input's fault, so no failure.
        throw new IllegalStateException(SHUTTING_DOWN, e);
      }
      finishFailed(taskId, e.getMessage());
    } catch (FetchException e) {
      if (!e.retryable()) {
        finishFailed(taskId, e.getMessage());
      } else {
        throw new RetryLater(e.getMessage());
      }
    } finally {
      MDC.remove("task_id");
    }
  }

  /** The queue gave up retrying: the task fails with the last reason. */
  public void failAfterRetries(String taskId, String why) {
    finishFailed(taskId, "gave up after retries: " + why);
  }

  private void finishFailed(String taskId, String message) {
    LOG.info("task {} failed: {}", taskId, message);
    if (store.fail(taskId, message)) {
      events.changed(taskId);
    }
  }

  private void run(Task task) throws Exception {
    TaskPlan plan = JSON.readValue(task.planJson(), TaskPlan.class);
    long startNs = System.nanoTime();
    String account = task.accountId();
    StoredFile video = plan.videoFileId() != null
        ? inputs.video(account, "input.video_url", null, Task.ADVANCED.equals(task.kind()) ? "session_id" : "input.video_id",
            plan.videoFileId())
        : inputs.video(account, "input.video_url", plan.videoUrl(), "input.video_id", null);
    store.parentVideo(task.id(), TaskView.fileRef(video.id(), null, video.durationMs()));
    KlingNames names = KlingNames.of(plan);
    List<FaceDub> dubs = new ArrayList<>();
    List<Violation> problems = new ArrayList<>();
    // The engine names files in its messages; the task's message names them as the client knows them.
    Map<Path, String> clientWords = new HashMap<>();
    clientWords.put(inputs.localPath(video), "the video");
    for (int i = 0; i < plan.dubs().size(); i++) {
      TaskPlan.Dub d = plan.dubs().get(i);
      StoredFile audio = d.audioFileId() != null ? inputs.audioById(account, d.field() + "audio_id", d.audioFileId())
          : inputs.audioUrl(account, names.of(i, RequestValue.AUDIO), d.audioUrl());
      // Audio fetched from a URL is known only now: checked before the engine's first walk. Audio held
      // at create (an upload, Base64) was checked then; an open end is the engine's to work out.
      if (d.audioUrl() != null) {
        problems.addAll(TimingRules.checkAudio(i, d.timing(plan.originalGain()), audio.durationMs()));
      }
      clientWords.put(inputs.localPath(audio), "the audio of " + names.of(i, RequestValue.AUDIO));
      dubs.add(new FaceDub(d.faceId(), inputs.localPath(audio), d.startMs(),
          d.endMs() == null ? FaceDub.TO_AUDIO_END : d.endMs(), d.insertMs(), d.gain(), SyncMode.orDefault(d.syncMode()),
          d.phonemes()));
    }
    if (!problems.isEmpty()) {
      throw new InputRejected(names.message(problems));
    }
    long fetchedNs = System.nanoTime();
    Progress progress = new Progress(task.id());
    progress.set(FETCHED_PERCENT);
    Path out = inputs.temp(".mp4");
    Path marked = null;
    try {
      int syncShare = MAX_RUNNING_PERCENT - FETCHED_PERCENT - (plan.watermark() ? WATERMARK_PERCENT : 0);
      SyncResult result;
      try {
        result = LipSync.sync(new SyncRequest(inputs.localPath(video), dubs, plan.originalGain(), out),
            SyncConfig.DEFAULT, analyses == null ? null : analyses.forAccount(account),
            (stage, f) -> progress.set(FETCHED_PERCENT + (int) (syncShare * f)));
      } catch (InvalidRequestException e) {
        throw new InputRejected(e.message(names));
      } catch (MediaException e) {
        clientWords.put(out, "the result");
        throw new MediaException(MediaRules.withoutFileNames(e.getMessage(), clientWords), e);
      }
      long syncedNs = System.nanoTime();
      if (analyses != null) {
        metrics.counter("mouthpiece_analysis_cache_total", "result", result.analysisCached() ? "hit" : "miss").increment();
      }
      long durationMs = result.durationUs() / 1000; // the result's: longer than the source's where a sync_mode extended it
      // The engine measured the video to its last frame's end: a truer length than the container's header.
      store.parentVideo(task.id(), TaskView.fileRef(video.id(), null, result.sourceEndUs() / 1000));
      List<StoredFile> kept = new ArrayList<>();
      String watermarkId = null;
      if (plan.watermark()) {
        marked = inputs.temp(".mp4");
        Watermark.copy(out, marked);
        progress.stopIfFinished();
        watermarkId = "w" + task.id();
        kept.add(keep(watermarkId, account, marked, durationMs));
      }
      progress.stopIfFinished(); // cancelled during the encoder's last frames: nothing is kept
      String resultId = "r" + task.id();
      kept.add(keep(resultId, account, out, durationMs));
      long endNs = System.nanoTime();
      String timings = String.format(Locale.ROOT, "{\"download_ms\":%d,\"analysis_ms\":%d,\"analysis_cached\":%b,"
              + "\"plan_ms\":%d,\"render_encode_ms\":%d,\"encoder_busy_ms\":%d,\"watermark_ms\":%d,\"total_ms\":%d}",
          ms(fetchedNs - startNs), (long) (result.analysisSec() * 1000), result.analysisCached(),
          (long) (result.planSec() * 1000), (long) (result.renderSec() * 1000), (long) (result.encodeSec() * 1000),
          ms(endNs - syncedNs), ms(endNs - startNs));
      String resultJson = TaskView.result(List.of(TaskView.fileRef(resultId, watermarkId, durationMs)),
          QualityJson.of(result.quality()));
      if (store.succeed(task.id(), resultJson, timings, kept)) {
        metrics.timer("mouthpiece_task_seconds").record(endNs - startNs, TimeUnit.NANOSECONDS);
        LOG.info("task {} succeeded: {} frames, {}", task.id(), result.frames(), timings);
        events.changed(task.id());
      } else {
        // Finished meanwhile (cancelled in the last instant, or failed after retries): its files are no result.
        kept.forEach(inputs::delete);
        LOG.info("task {} finished elsewhere before its result was recorded; the result is deleted", task.id());
      }
    } finally {
      // Kept files were moved into the store by now: what is still here is a render that failed or
      // was stopped (an engine error, a shutdown), which nobody will read.
      inputs.discard(out);
      if (marked != null) {
        inputs.discard(marked);
      }
    }
  }

  /** Moves a finished file under its fixed id; it is recorded when the task succeeds. */
  private StoredFile keep(String id, String account, Path file, long durationMs) {
    return inputs.save(id, account, "video", "video/mp4", ".mp4", file, durationMs);
  }

  private static long ms(long ns) {
    return ns / 1_000_000;
  }

  private static final String SHUTTING_DOWN = "shutting down: the task will run again after the restart";

  /** Thrown into the render when its task finished from outside (cancelled): the render stops, its files go. */
  static final class FinishedElsewhere extends RuntimeException {
    final String status;

    FinishedElsewhere(String status) {
      super("the task is " + status + " now: the render stops");
      this.status = status;
    }
  }

  /**
   * Writes progress to the task at most once a second, and stops the render when it is no longer
   * wanted: the queue interrupted the job (a shutdown whose grace ran out: it runs again after the
   * restart), or the task was finished from outside, which is how a cancel reaches a render in any
   * process. That is looked up in the task's row twice a second, so a cancelled render stops within
   * about half a second of the cancel, plus one frame.
   */
  private final class Progress {
    private static final long CHECK_EVERY_NS = 500_000_000L;
    private final String taskId;
    private int lastPercent = -1;
    private long lastWriteNs;
    private long lastCheckNs;

    Progress(String taskId) {
      this.taskId = taskId;
    }

    void set(int percent) {
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException(SHUTTING_DOWN);
      }
      long now = System.nanoTime();
      if (now - lastCheckNs > CHECK_EVERY_NS || lastPercent < 0) {
        stopIfFinished();
        lastCheckNs = now;
      }
      if (percent > lastPercent && (now - lastWriteNs > 1_000_000_000L || lastPercent < 0)) {
        store.progress(taskId, Math.min(MAX_RUNNING_PERCENT, percent));
        lastPercent = percent;
        lastWriteNs = now;
      }
    }

    void stopIfFinished() {
      TaskStatus now = store.status(taskId).orElse(TaskStatus.FAILED); // a deleted task wants nothing either
      if (now.isFinal()) {
        throw new FinishedElsewhere(now.wire());
      }
    }
  }
}
