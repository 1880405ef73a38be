package org.eapexplorer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk with a limit on how long each chunk may take: the JDK's HTTP client has a
 * timeout for the answer's headers but none for its body, and a server that stops sending mid-file would otherwise
 * hold the download for ever. One chunk is requested at a time, so nothing piles up in memory.
 */
final class StalledBody implements Flow.Subscriber<List<ByteBuffer>> {

    /** The server sent nothing for the read timeout. */
    static final class Stalled extends IOException {
        Stalled(String message) {
            super(message);
        }
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Duration timeout;
    private volatile Flow.Subscription subscription;
    private boolean ended;

    StalledBody(Flow.Publisher<List<ByteBuffer>> body, Duration timeout) {
        this.timeout = timeout;
        body.subscribe(this);
    }

    /** The next chunk, or null at the end of the body. */
    List<ByteBuffer> next() throws IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (item == null) {
            throw new Stalled("no bytes for " + timeout.toMillis() + " ms");
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Throwable t) {
            ended = true;
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
        @SuppressWarnings("unchecked")
        List<ByteBuffer> chunk = (List<ByteBuffer>) item;
        subscription.request(1);
        return chunk;
    }

    /** Lets the connection go; safe to call more than once and after the end. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }
}
