package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.AVFMT_TS_NONSTRICT;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Keeps each output stream's DTS increasing (nudging a decreasing one forward, as ffmpeg does,
 * rather than failing the whole file) and PTS never before DTS. Confined to the muxer's thread.
 */
final class OutputTimestamps {
    private final boolean strict;
    private long[] lastDts = new long[0];

    /** @param formatFlags the output format's AVFMT_* flags (non-strict formats allow equal DTS) */
    OutputTimestamps(int formatFlags) {
        this.strict = (formatFlags & AVFMT_TS_NONSTRICT) == 0;
    }

    /** Starts tracking one more stream. */
    void addStream() {
        lastDts = Arrays.copyOf(lastDts, lastDts.length + 1);
        lastDts[lastDts.length - 1] = AV_NOPTS_VALUE;
    }

    /** Stores the corrected {@code pts}/{@code dts} (in the stream's time base) into {@code out}. */
    void apply(AVPacket out, int stream, long pts, long dts) {
        long last = lastDts[stream];
        if (dts != AV_NOPTS_VALUE && last != AV_NOPTS_VALUE) {
            long min = strict ? last + 1 : last;
            if (dts < min) {
                dts = min;
                if (pts != AV_NOPTS_VALUE && pts < dts) {
                    pts = dts;
                }
            }
        }
        if (pts != AV_NOPTS_VALUE && dts != AV_NOPTS_VALUE && pts < dts) {
            // Only a damaged packet is shown before it is decoded; FFmpeg would refuse it (EINVAL) and
            // fail the whole output (found by scripts/fuzz: a damaged UDP stream recorded).
            pts = dts;
        }
        if (dts != AV_NOPTS_VALUE) {
            lastDts[stream] = dts;
        }
        out.pts(pts).dts(dts);
    }
}
