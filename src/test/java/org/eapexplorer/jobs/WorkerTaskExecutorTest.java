package org.eapexplorer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTaskExecutorTest {

    /** Stands in for the FX thread: one thread, so the order of deliveries is observable. */
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
    private final WorkerTaskExecutor executor = new WorkerTaskExecutor(ui);

    @AfterEach
    void stop() {
        executor.close();
        ui.shutdownNow();
    }

    /** Records what a listener hears and on which thread. */
    static final class Recorder<T> implements JobListener<T> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile T value;
        volatile Throwable error;

        @Override
        public void progress(JobProgress progress) {
            events.add("progress " + progress.message());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void succeeded(T v) {
            value = v;
            events.add("succeeded");
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void failed(Throwable e) {
            error = e;
            events.add("failed");
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void cancelled() {
            events.add("cancelled");
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void runsJobsOnTheWorkerAndReportsOnTheUiThread() throws Exception {
        Recorder<String> recorder = new Recorder<>();
        JobHandle handle = executor.submit("name", context -> {
            context.progress(1, 2, "half");
            return Thread.currentThread().getName();
        }, recorder);
        handle.await(10, TimeUnit.SECONDS);
        assertEquals(WorkerTaskExecutor.THREAD_NAME, recorder.value);
        assertEquals("succeeded", recorder.events.get(recorder.events.size() - 1));
        assertTrue(recorder.threads.stream().allMatch("test-ui"::equals), recorder.threads.toString());
    }

    @Test
    void allJobsShareOneThreadInSubmissionOrder() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        JobHandle last = null;
        for (int i = 0; i < 5; i++) {
            int n = i;
            last = executor.submit("job " + i, context -> {
                order.add(n);
                threads.add(Thread.currentThread().getName());
                return n;
            }, new Recorder<>());
        }
        last.await(10, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        assertEquals(1, threads.stream().distinct().count());
    }

    @Test
    void failuresReachTheListenerWithTheirMessage() throws Exception {
        Recorder<Object> recorder = new Recorder<>();
        executor.submit("failing", context -> {
            throw new IOException("model.safetensors: not found");
        }, recorder).await(10, TimeUnit.SECONDS);
        assertEquals(List.of("failed"), recorder.events);
        assertInstanceOf(IOException.class, recorder.error);
        assertEquals("model.safetensors: not found", recorder.error.getMessage());
    }

    @Test
    void cancellingStopsARunningJobAtItsNextCheck() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Recorder<Integer> recorder = new Recorder<>();
        JobHandle handle = executor.submit("endless", context -> {
            started.countDown();
            int steps = 0;
            while (true) {
                context.throwIfCancelled();
                Thread.sleep(1);
                steps++;
                if (steps > 100_000) {
                    return steps;
                }
            }
        }, recorder);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        handle.cancel();
        handle.await(10, TimeUnit.SECONDS);
        assertEquals(List.of("cancelled"), recorder.events);
    }

    @Test
    void aJobCancelledBeforeItStartsNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        executor.submit("blocker", context -> {
            release.await();
            return 0;
        }, new Recorder<>());
        List<String> ran = new CopyOnWriteArrayList<>();
        Recorder<Object> recorder = new Recorder<>();
        JobHandle queued = executor.submit("queued", context -> {
            ran.add("ran");
            return null;
        }, recorder);
        queued.cancel();
        release.countDown();
        queued.await(10, TimeUnit.SECONDS);
        assertTrue(ran.isEmpty());
        assertEquals(List.of("cancelled"), recorder.events);
    }

    @Test
    void progressIsCoalescedToTheLatestState() throws Exception {
        CountDownLatch uiBlocked = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        // Hold the UI thread while the job reports 1,000 times: at most one update may be waiting for it.
        ui.execute(() -> {
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            uiBlocked.countDown();
        });
        Recorder<Object> recorder = new Recorder<>();
        JobHandle handle = executor.submit("chatty", context -> {
            for (int i = 1; i <= 1000; i++) {
                context.progress(i, 1000, "step " + i);
            }
            reported.countDown();
            return null;
        }, recorder);
        handle.await(10, TimeUnit.SECONDS);
        List<String> progress = recorder.events.stream().filter(e -> e.startsWith("progress")).toList();
        assertEquals(List.of("progress step 1000"), progress);
        assertTrue(uiBlocked.await(1, TimeUnit.SECONDS));
    }

    @Test
    void afterCloseNewJobsAreCancelled() throws Exception {
        executor.close();
        Recorder<Object> recorder = new Recorder<>();
        JobHandle handle = executor.submit("late", context -> "never", recorder);
        handle.await(10, TimeUnit.SECONDS);
        assertTrue(handle.isCancelled());
        assertEquals(List.of("cancelled"), recorder.events);
        assertFalse(recorder.events.contains("succeeded"));
    }
}
