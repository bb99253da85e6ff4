package dev.reel.bench;

import dev.reel.cli.Reel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A measuring prototype, not a feature: what a command would cost if the launcher handed it to a JVM
 * that is already running and warm. It runs reel commands in this JVM, one at a time, each read as
 * one line of space-separated arguments from a connection on 127.0.0.1, the command's stdout sent
 * back and then {@code exit N}; the client is bash's {@code /dev/tcp}, as a launcher could use
 * without a new executable. Not handled (why it is not shipped, see docs/reliability.md): the
 * caller's working directory, stdin, stderr apart from stdout, signals and Ctrl-C, arguments with
 * spaces, concurrent callers.
 */
final class WarmJvmPrototype implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    WarmJvmPrototype() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "warm-jvm-prototype");
        thread.setDaemon(true);
        thread.start();
    }

    /** The client: bash connects, sends the arguments, reads until the server closes. */
    List<String> client(List<String> args) {
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "; printf '%s\\n' \"$*\" >&3; cat <&3";
        return List.of("bash", "-c", script, "reel", String.join(" ", args));
    }

    private void serve() {
        PrintStream stdout = System.out;
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                PrintStream out = new PrintStream(s.getOutputStream(), false, StandardCharsets.UTF_8);
                int code;
                System.setOut(out);
                try {
                    code = Reel.execute(line.trim().split(" "));
                } finally {
                    System.setOut(stdout);
                }
                out.println("exit " + code);
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (!server.isClosed()) {
                    System.err.println("warm-jvm prototype: " + e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
