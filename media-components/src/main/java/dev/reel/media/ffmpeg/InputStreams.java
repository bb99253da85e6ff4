package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;

import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * The streams of an open input and which of them are read: descriptions kept per index (streams
 * may appear mid-file, as in MPEG-TS), the others discarded inside FFmpeg. Confined to the
 * demuxer's thread.
 */
final class InputStreams {
    private List<StreamInfo> streams = List.of();
    private Rational[] timeBases = new Rational[0];
    private boolean[] enabled = new boolean[0];
    private boolean allEnabled = true;

    /** Describes streams added since the last call (new ones are read unless a selection excludes all but some). */
    void refresh(AVFormatContext ctx) {
        int n = ctx.nb_streams();
        if (n == streams.size()) {
            return;
        }
        List<StreamInfo> list = new ArrayList<>(n);
        Rational[] tbs = new Rational[n];
        boolean[] en = new boolean[n];
        for (int i = 0; i < n; i++) {
            StreamInfo info = i < streams.size() ? streams.get(i) : StreamInfo.of(ctx.streams(i));
            list.add(info);
            tbs[i] = info.timeBase();
            en[i] = i < enabled.length ? enabled[i] : allEnabled;
        }
        streams = Collections.unmodifiableList(list);
        timeBases = tbs;
        enabled = en;
    }

    List<StreamInfo> list() {
        return streams;
    }

    /** Reads only {@code indexes}; FFmpeg drops the others' packets (cheaper than dropping them later). */
    void select(AVFormatContext ctx, String shownUrl, int... indexes) {
        allEnabled = false;
        Arrays.fill(enabled, false);
        for (int i : indexes) {
            if (i < 0 || i >= enabled.length) {
                throw new IndexOutOfBoundsException("no stream " + i + " in " + shownUrl);
            }
            enabled[i] = true;
        }
        for (int i = 0; i < enabled.length; i++) {
            ctx.streams(i).discard(enabled[i] ? AVDISCARD_DEFAULT : AVDISCARD_ALL);
        }
    }

    /** The time base of a packet of stream {@code index}, or null if that stream is not read. */
    Rational timeBaseIfRead(AVFormatContext ctx, int index) {
        if (index >= timeBases.length) {
            refresh(ctx);
        }
        return index < 0 || index >= timeBases.length || !enabled[index] ? null : timeBases[index];
    }
}
