package org.eapexplorer.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that accepts and then stalls: either it never answers, or it answers the headers (and, to a
 * GET, the first bytes of a body it promised in full) and then sends nothing more. Connections are held open until
 * {@link #close}.
 */
public final class StallingServer implements AutoCloseable {

    /** What is sent before the stall. */
    public enum Mode { SILENT, HEADERS_THEN_STALL }

    private final ServerSocket socket;
    private final Mode mode;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public StallingServer(Mode mode) throws IOException {
        this.mode = mode;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "stalling-server");
        accept.setDaemon(true);
        accept.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                held.add(s);
                Thread t = new Thread(() -> answer(s), "stalling-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            StringBuilder request = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                request.append((char) c);
                if (request.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
            if (mode == Mode.HEADERS_THEN_STALL) {
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (request.toString().startsWith("GET")) {
                    out.write(new byte[1000]);
                }
                out.flush();
            }
            // then nothing: the connection stays open until close()
        } catch (IOException ignored) {
            // closed by the test
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
