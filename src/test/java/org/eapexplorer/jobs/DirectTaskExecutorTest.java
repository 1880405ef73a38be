package org.eapexplorer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class DirectTaskExecutorTest {

    @Test
    void runsOnTheCallersThreadAndDeliversBeforeReturning() {
        WorkerTaskExecutorTest.Recorder<String> recorder = new WorkerTaskExecutorTest.Recorder<>();
        JobHandle handle = new DirectTaskExecutor().submit("direct", context -> {
            context.progress(1, 4, "quarter");
            return Thread.currentThread().getName();
        }, recorder);
        assertTrue(handle.isDone());
        assertEquals(Thread.currentThread().getName(), recorder.value);
        assertEquals(java.util.List.of("progress quarter", "succeeded"), recorder.events);
    }

    @Test
    void aCancellationExceptionFromTheJobMeansCancelled() {
        WorkerTaskExecutorTest.Recorder<Object> recorder = new WorkerTaskExecutorTest.Recorder<>();
        new DirectTaskExecutor().submit("direct", context -> {
            throw new CancellationException("stop");
        }, recorder);
        assertEquals(java.util.List.of("cancelled"), recorder.events);
    }
}
