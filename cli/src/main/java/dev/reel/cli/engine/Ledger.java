package dev.reel.cli.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The batch ledger: one small file per finished item, named by a hash of the item (command, input,
 * output, options), written under a temporary name and renamed. One file per item, so workers on
 * several machines never write the same file; a changed row (other options) is a new item.
 */
public final class Ledger {
    private Ledger() {
    }

    static String key(WorkItem item) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.join("\u0000", item.command(), item.input(), item.output(),
                    item.options() == null ? "" : item.options()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if the item finished before and its output is still there. */
    public static boolean done(WorkItem item) {
        return item.ledger() != null && Files.isRegularFile(Path.of(item.ledger(), key(item) + ".done"))
                && Files.exists(Path.of(item.output()));
    }

    public static void markDone(WorkItem item) throws IOException {
        if (item.ledger() == null) {
            return;
        }
        Path dir = Path.of(item.ledger());
        Files.createDirectories(dir);
        Path f = dir.resolve(key(item) + ".done");
        Path tmp = dir.resolve(key(item) + ".tmp" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        Files.writeString(tmp, item.command() + "\t" + item.input() + "\t" + item.output() + "\n");
        try {
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
