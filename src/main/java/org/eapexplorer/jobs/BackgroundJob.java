package org.eapexplorer.jobs;

/**
 * Work that runs on the model worker thread: loading a model, running EAP, writing an export. It reports
 * progress and checks for cancellation through its {@link JobContext}, and hands back a plain value (records
 * and arrays, never native memory) that the executor delivers to the UI thread.
 */
@FunctionalInterface
public interface BackgroundJob<T> {

    T run(JobContext context) throws Exception;
}
