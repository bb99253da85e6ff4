package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avformat.AVStream;

import dev.reel.media.frame.StreamInfo;

/** Describes a new output stream from a stream description: codec parameters, tag, time base, rate and carried tags. */
final class OutputStreamSetup {
    /** Stream tags carried to the output; the rest (durations, handler names, encoders) belong to the old file. */
    private static final List<String> STREAM_TAGS = List.of("language", "title");
    private static final int HVC1 = ('h') | ('v' << 8) | ('c' << 16) | ('1' << 24);

    private OutputStreamSetup() {
    }

    static void describe(AVStream st, StreamInfo info, String formatName) {
        Av.check(avcodec_parameters_copy(st.codecpar(), info.codecParameters()), "cannot copy codec parameters");
        // Tags differ between containers: let the muxer pick, except HEVC in MP4 where
        // Apple players need hvc1.
        boolean mp4 = formatName.equals("mp4") || formatName.equals("mov");
        st.codecpar().codec_tag(info.codecId() == AV_CODEC_ID_HEVC && mp4 ? HVC1 : 0);
        info.timeBase().copyTo(st.time_base());
        if (info.avgFrameRate().isValid()) {
            info.avgFrameRate().copyTo(st.avg_frame_rate());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : STREAM_TAGS) {
            String value = info.tags().get(key);
            if (value != null) {
                tags.put(key, value);
            }
        }
        if (!tags.isEmpty()) {
            st.metadata(ContainerTags.putAll(st.metadata(), tags));
        }
    }
}
