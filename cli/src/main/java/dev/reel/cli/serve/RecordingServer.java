package dev.reel.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.media.core.MediaException;
import dev.reel.media.record.Exporter;
import dev.reel.media.record.Manifest;
import dev.reel.media.record.RecordClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * An HTTP server (Jetty) over one recording directory: the player page and its assets, the live
 * playlist and manifest (never cached), the segment files (with range requests, via Jetty's resource
 * service) and exports of a wall-clock range ({@code /api/export}), bounded by an {@link ExportQueue}.
 * Only GET and HEAD; only files {@link DirFiles} lets through.
 */
public final class RecordingServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND = "127.0.0.1";
    private static final String WEB = "/dev/reel/cli/serve/web/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/assets/serve.js", "serve.js",
            "/assets/serve.css", "serve.css",
            "/assets/hls.min.js", "hls.min.js");

    private final DirFiles files;
    private final ExportQueue exports;
    private final Server server;
    private final ServerConnector connector;
    private final ResourceHandler resources;
    private final ScheduledExecutorService sweeper;

    public RecordingServer(Path dir, String bind, int port, ExportQueue exports) throws IOException {
        this.files = new DirFiles(dir);
        this.exports = exports;
        this.server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        resources = new ResourceHandler();
        resources.setBaseResource(ResourceFactory.of(resources).newResource(files.dir()));
        resources.setDirAllowed(false);
        resources.setAcceptRanges(true);
        resources.setEtags(true);
        resources.setUseFileMapping(false); // segments leave the window (deleted) while being read
        resources.setCacheControl("max-age=3600");
        MimeTypes.Mutable mime = new MimeTypes.Mutable();
        mime.addMimeMapping("ts", "video/mp2t");
        mime.addMimeMapping("m4s", "video/iso.segment");
        mime.addMimeMapping("mp4", "video/mp4");
        mime.addMimeMapping("mkv", "video/x-matroska");
        mime.addMimeMapping("json", "application/json");
        resources.setMimeTypes(mime);
        Router router = new Router();
        router.setHandler(resources);
        server.setHandler(router);
        server.setStopTimeout(2000);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reel-serve-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    public RecordingServer start() throws Exception {
        server.start();
        sweeper.scheduleWithFixedDelay(exports::sweep, 30, 30, TimeUnit.SECONDS);
        return this;
    }

    /** The port bound (the one chosen when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/";
    }

    /** Exports admitted and not finished. */
    public int exportsInFlight() {
        return exports.admitted();
    }

    /** Where export files are made (private to this server). */
    public Path exportFolder() {
        return exports.folder();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        sweeper.shutdownNow();
        server.stop();
        exports.close();
    }

    /** Routes: API, page assets, the live files, then DIR's files for the resource handler. */
    private final class Router extends Handler.Wrapper {
        @Override
        public boolean handle(Request req, Response resp, Callback cb) throws Exception {
            String method = req.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                resp.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                error(resp, cb, 405, "only GET and HEAD");
                return true;
            }
            String path = Request.getPathInContext(req);
            resp.getHeaders().put("X-Content-Type-Options", "nosniff");
            String asset = ASSETS.get(path);
            if (asset != null) {
                asset(resp, cb, asset);
                return true;
            }
            switch (path) {
                case "/" + Manifest.PLAYLIST -> live(resp, cb, Manifest.PLAYLIST, "application/vnd.apple.mpegurl");
                case "/" + Manifest.FILE -> live(resp, cb, Manifest.FILE, "application/json");
                case "/api/programmes" -> json(resp, cb, 200, programmes());
                case "/api/export" -> export(req, resp, cb);
                default -> {
                    Optional<Path> f = files.resolve(path);
                    if (f.isEmpty()) {
                        error(resp, cb, 404, "not found");
                        return true;
                    }
                    return super.handle(req, resp, cb);
                }
            }
            return true;
        }
    }

    private void asset(Response resp, Callback cb, String name) throws IOException {
        try (InputStream in = RecordingServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                error(resp, cb, 500, "asset missing from the build: " + name);
                return;
            }
            byte[] b = in.readAllBytes();
            String type = name.endsWith(".html") ? "text/html;charset=utf-8" : name.endsWith(".css") ? "text/css;charset=utf-8"
                    : "text/javascript;charset=utf-8";
            resp.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            resp.write(true, ByteBuffer.wrap(b), cb);
        }
    }

    /** A file the recorder rewrites (atomically, by rename): read whole, never cached. */
    private void live(Response resp, Callback cb, String name, String type) {
        Optional<Path> f = files.resolve("/" + name);
        byte[] b;
        try {
            b = f.isPresent() ? Files.readAllBytes(f.get()) : null;
        } catch (IOException e) {
            b = null;
        }
        if (b == null) {
            error(resp, cb, 404, "no " + name + " in the directory (yet)");
            return;
        }
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        resp.write(true, ByteBuffer.wrap(b), cb);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> programmes() {
        List<Map<String, Object>> out = new ArrayList<>();
        Path fin = files.dir().resolve(DirFiles.FINISHED);
        if (!Files.isDirectory(fin)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fin, "[!.]*.json")) {
            for (Path p : ds) {
                try {
                    Map<String, Object> m = JSON.readValue(p.toFile(), Map.class);
                    m.remove("shots"); // the manifest has them; keep this small
                    out.add(m);
                } catch (IOException e) {
                    // being written: next poll
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> String.valueOf(a.get("start")).compareTo(String.valueOf(b.get("start"))));
        return out;
    }

    private void export(Request req, Response resp, Callback cb) throws Exception {
        Fields q = Request.extractQueryParameters(req);
        long from;
        long to;
        try {
            from = RecordClock.micros(Instant.parse(required(q, "from")));
            to = RecordClock.micros(Instant.parse(required(q, "to")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            error(resp, cb, 400, e instanceof DateTimeParseException ? "from and to are ISO 8601 UTC times, e.g. 2026-11-30T21:00:00Z"
                    : e.getMessage());
            return;
        }
        if (to <= from) {
            error(resp, cb, 400, "to must be after from");
            return;
        }
        String format = Optional.ofNullable(q.getValue("format")).orElse("ts").toLowerCase(Locale.ROOT);
        if (!format.equals("ts") && !format.equals("mp4") && !format.equals("mkv")) {
            error(resp, cb, 400, "format is ts, mp4 or mkv");
            return;
        }
        boolean exact = "1".equals(q.getValue("exact")) || "true".equals(q.getValue("exact"));
        ExportQueue.Ticket ticket = exports.tryEnter();
        if (ticket == null) {
            resp.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            error(resp, cb, 429, "too many exports at once; try again shortly");
            return;
        }
        Path out = exports.newFile(format);
        try {
            Exporter.Result r;
            // The slot bounds the work (demuxing, re-encoding); sending the file is not held by it.
            try (ticket) {
                ticket.run();
                r = Exporter.export(files.dir(), from, to, out, null, exact);
            } catch (MediaException e) {
                error(resp, cb, e.kind() == MediaException.Kind.NOT_FOUND ? 404 : 500, e.getMessage());
                return;
            } catch (IllegalArgumentException e) {
                error(resp, cb, 400, e.getMessage());
                return;
            }
            String name = "reel-" + RecordClock.compact(r.startMicros()) + "-" + RecordClock.compact(r.endMicros()) + "." + format;
            resp.getHeaders().put(HttpHeader.CONTENT_TYPE, format.equals("ts") ? "video/mp2t" : format.equals("mp4") ? "video/mp4"
                    : "video/x-matroska");
            resp.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
            resp.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(out));
            resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            resp.getHeaders().put("X-Reel-Seconds", Double.toString(r.seconds()));
            resp.getHeaders().put("X-Reel-Method", r.method());
            resp.getHeaders().put("X-Reel-From", RecordClock.iso(r.startMicros()));
            resp.getHeaders().put("X-Reel-To", RecordClock.iso(r.endMicros()));
            try (OutputStream os = Content.Sink.asOutputStream(resp)) {
                Files.copy(out, os);
            }
            cb.succeeded();
        } catch (IOException e) {
            cb.failed(e); // the client went away
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String required(Fields q, String name) {
        String v = q.getValue(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter '" + name + "'");
        }
        return v;
    }

    private static void json(Response resp, Callback cb, int status, Object o) throws IOException {
        resp.setStatus(status);
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        resp.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(o)), cb);
    }

    private static void error(Response resp, Callback cb, int status, String message) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("error", message);
        try {
            json(resp, cb, status, o);
        } catch (IOException e) {
            cb.failed(e);
        }
    }
}
