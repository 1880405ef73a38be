package org.eapexplorer.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's executor: one daemon worker thread for all model work, outcomes and progress handed to
 * the UI thread through {@code uiThread} (Platform::runLater in the window). Progress is coalesced: however
 * often a job reports, at most one update is waiting on the UI queue, and it carries the latest state.
 */
public final class WorkerTaskExecutor implements TaskExecutor {

    public static final String THREAD_NAME = "eap-model-worker";

    private final Executor uiThread;
    private final ExecutorService worker;
    private final AtomicReference<JobHandle> current = new AtomicReference<>();
    private volatile boolean closed;

    public WorkerTaskExecutor(Executor uiThread) {
        this.uiThread = uiThread;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> JobHandle submit(String title, BackgroundJob<T> job, JobListener<T> listener) {
        JobHandle handle = new JobHandle(title);
        if (closed) {
            handle.cancel();
            uiThread.execute(() -> {
                listener.cancelled();
                handle.finished.complete(null);
            });
            return handle;
        }
        ProgressRelay<T> relay = new ProgressRelay<>(title, listener);
        try {
            worker.execute(() -> {
                current.set(handle);
                Jobs.Outcome<T> outcome;
                try {
                    outcome = Jobs.run(job, handle, new JobContext(handle.token(), relay::report));
                } finally {
                    current.compareAndSet(handle, null);
                }
                uiThread.execute(() -> {
                    try {
                        outcome.deliver(listener);
                    } finally {
                        handle.finished.complete(null);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            handle.cancel();
            uiThread.execute(() -> {
                listener.cancelled();
                handle.finished.complete(null);
            });
        }
        return handle;
    }

    /** True on the worker thread: model objects may be touched only there. */
    public static boolean onWorkerThread() {
        return THREAD_NAME.equals(Thread.currentThread().getName());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        JobHandle running = current.get();
        if (running != null) {
            running.cancel();
        }
        worker.shutdown();
    }

    /** Waits (bounded) for the worker to finish what was queued before {@link #close()}; for shutdown hooks. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return worker.awaitTermination(timeout, unit);
    }

    /** Hands the latest progress to the UI thread without flooding its queue. */
    private final class ProgressRelay<T> {
        private final String title;
        private final JobListener<T> listener;
        private final AtomicReference<JobProgress> latest = new AtomicReference<>();
        private final AtomicBoolean posted = new AtomicBoolean();

        ProgressRelay(String title, JobListener<T> listener) {
            this.title = title;
            this.listener = listener;
        }

        void report(long done, long total, String message) {
            latest.set(JobProgress.of(title, done, total, message));
            if (posted.compareAndSet(false, true)) {
                uiThread.execute(() -> {
                    posted.set(false);
                    JobProgress p = latest.get();
                    if (p != null) {
                        listener.progress(p);
                    }
                });
            }
        }
    }
}
