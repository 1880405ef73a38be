package org.eapexplorer.jobs;

/**
 * Runs each job immediately on the calling thread and reports to the listener there: deterministic tests
 * of view models and jobs without a worker thread or an event queue.
 */
public final class DirectTaskExecutor implements TaskExecutor {

    @Override
    public <T> JobHandle submit(String title, BackgroundJob<T> job, JobListener<T> listener) {
        JobHandle handle = new JobHandle(title);
        JobContext context = new JobContext(handle.token(),
                (done, total, message) -> listener.progress(JobProgress.of(title, done, total, message)));
        Jobs.run(job, handle, context).deliver(listener);
        handle.finished.complete(null);
        return handle;
    }

    @Override
    public void close() {
    }
}
