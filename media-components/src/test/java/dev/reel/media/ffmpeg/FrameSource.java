package dev.reel.media.ffmpeg;

import java.nio.file.Path;

import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.VideoFrame;

/** Decoded frames of a file's main video stream, one at a time (test helper). */
public final class FrameSource implements AutoCloseable {
    private final Demuxer demuxer;
    private final VideoDecoder decoder;
    private final int index;
    private boolean eof;

    public FrameSource(Path file) {
        demuxer = Demuxer.open(file.toString());
        index = demuxer.bestStream(MediaType.VIDEO);
        demuxer.selectStreams(index);
        // One thread: reference counts of decoder buffers then change only when the test says so.
        decoder = new VideoDecoder(demuxer.stream(index), new VideoDecoder.Options().threads(1));
    }

    /** The next frame (caller releases), or null at the end. */
    public VideoFrame next() {
        for (;;) {
            VideoFrame f = decoder.receive();
            if (f != null || eof) {
                return f;
            }
            Packet p = demuxer.read();
            if (p == null) {
                eof = true;
                decoder.sendEof();
            } else {
                decoder.send(p);
                p.release();
            }
        }
    }

    public VideoDecoder decoder() {
        return decoder;
    }

    public Demuxer demuxer() {
        return demuxer;
    }

    @Override
    public void close() {
        decoder.close();
        demuxer.close();
    }
}
