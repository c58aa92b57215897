package io.oauthgov.simulator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server on 127.0.0.1 with a fixed number of worker threads; port 0 picks a free port. */
public final class LoopbackServer implements AutoCloseable {
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;

    public LoopbackServer(int port, int threads, HttpHandler handler) throws IOException {
        this(InetAddress.getLoopbackAddress(), port, threads, handler);
    }

    /** Binds elsewhere than loopback only when asked (a container that other containers call). */
    public LoopbackServer(InetAddress bindAddress, int port, int threads, HttpHandler handler) throws IOException {
        // Without TCP_NODELAY, small responses meet the client's delayed ACK: ~40 ms per call on loopback.
        // The JDK server reads this property when its class initialises, so set it before the first server.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "genesys-simulator-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", handler);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
