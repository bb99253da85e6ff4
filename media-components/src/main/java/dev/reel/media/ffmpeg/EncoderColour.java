package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * Carries a source's picture description into a video encoder: colour properties and aspect
 * (the frame's win over the stream's) and HDR metadata (into the bitstream and the stream info).
 */
final class EncoderColour {
    /** HDR metadata a frame carries for the whole stream, and the stream-level side data it becomes. */
    private static final int[][] HDR_SIDE_DATA = {
        {AV_FRAME_DATA_MASTERING_DISPLAY_METADATA, AV_PKT_DATA_MASTERING_DISPLAY_METADATA},
        {AV_FRAME_DATA_CONTENT_LIGHT_LEVEL, AV_PKT_DATA_CONTENT_LIGHT_LEVEL},
    };

    private EncoderColour() {
    }

    /**
     * Overlays on {@code like} (a copy of the stream's parameters) the colour properties and aspect
     * {@code first} states: decoders know them better than containers, and ffmpeg takes them from
     * the frame too.
     */
    static void takeFromFrame(AVCodecParameters like, VideoFrame first) {
        AVFrame f = first.avFrame();
        if (f.color_range() != AVCOL_RANGE_UNSPECIFIED) {
            like.color_range(f.color_range());
        } else if (like.color_range() == AVCOL_RANGE_UNSPECIFIED && !PixelFormats.isRgb(first.pixelFormat())
                && !av_get_pix_fmt_name(first.pixelFormat()).getString().startsWith("yuvj")) {
            like.color_range(AVCOL_RANGE_MPEG); // what unstated YUV means, and what ffmpeg writes for it
        }
        if (f.color_primaries() != AVCOL_PRI_UNSPECIFIED) {
            like.color_primaries(f.color_primaries());
        }
        if (f.color_trc() != AVCOL_TRC_UNSPECIFIED) {
            like.color_trc(f.color_trc());
        }
        if (f.colorspace() != AVCOL_SPC_UNSPECIFIED) {
            like.color_space(f.colorspace());
        }
        if (f.chroma_location() != AVCHROMA_LOC_UNSPECIFIED) {
            like.chroma_location(f.chroma_location());
        }
        if (f.sample_aspect_ratio().num() > 0) {
            like.sample_aspect_ratio().num(f.sample_aspect_ratio().num()).den(f.sample_aspect_ratio().den());
        }
        like.format(first.pixelFormat());
    }

    /**
     * Gives the encoder {@code like}'s aspect, and its colour properties when both are RGB or both
     * YUV (a conversion between them changes what the numbers mean).
     */
    static void apply(AVCodecContext ctx, AVCodecParameters like, int encoderFormat) {
        ctx.sample_aspect_ratio().num(like.sample_aspect_ratio().num()).den(like.sample_aspect_ratio().den());
        if (PixelFormats.isRgb(encoderFormat) == PixelFormats.isRgb(like.format() < 0 ? encoderFormat : like.format())) {
            ctx.color_range(like.color_range()).color_primaries(like.color_primaries())
                    .color_trc(like.color_trc()).colorspace(like.color_space()).chroma_sample_location(like.chroma_location());
        }
    }

    /**
     * Hands {@code frame}'s HDR metadata to the encoder before it opens (x264, x265 and libvpx write
     * it into the bitstream, as ffmpeg has them do).
     */
    static void passHdr(AVCodecContext ctx, AVFrame frame) {
        for (int[] t : HDR_SIDE_DATA) {
            AVFrameSideData sd = av_frame_get_side_data(frame, t[0]);
            if (sd == null || sd.isNull()) {
                continue;
            }
            // The binding passes the array by reference and writes its new address back into arr.
            PointerPointer<AVFrameSideData> arr = ctx.decoded_side_data();
            if (arr == null) {
                arr = new PointerPointer<AVFrameSideData>((Pointer) null);
            }
            IntPointer nb = new IntPointer(1).put(ctx.nb_decoded_side_data());
            try {
                Av.check(av_frame_side_data_clone(arr, nb, sd, 0), "cannot copy HDR metadata");
                ctx.decoded_side_data(arr).nb_decoded_side_data(nb.get());
            } finally {
                nb.close();
            }
        }
    }

    /** The stream description with {@code frame}'s HDR metadata as stream-level side data (mdcv/clli boxes). */
    static StreamInfo withHdr(StreamInfo info, AVFrame frame) {
        for (int[] t : HDR_SIDE_DATA) {
            AVFrameSideData sd = av_frame_get_side_data(frame, t[0]);
            if (sd != null && !sd.isNull()) {
                info = info.withSideData(t[1], sd.data(), sd.size());
            }
        }
        return info;
    }
}
