package dev.reel.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One recorder per directory: an OS lock on DIR/.reel-record.lock, released by the OS when the
 * process dies however it dies (so kill -9 never leaves a stale lock).
 */
public final class RecordLock implements AutoCloseable {
    public static final String FILE = ".reel-record.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RecordLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link IllegalStateException} naming the holder's pid. */
    public static RecordLock acquire(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            String holder = "";
            try {
                ByteBuffer b = ByteBuffer.allocate(64);
                ch.read(b, 0);
                holder = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            } catch (IOException ignored) {
                // the message just lacks the pid
            }
            ch.close();
            throw new IllegalStateException("another recorder is writing to " + dir + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new RecordLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
