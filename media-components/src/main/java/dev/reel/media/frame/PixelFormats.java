package dev.reel.media.frame;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/** Pixel format names and plane geometry, cached per format so frame accessors stay cheap. */
public final class PixelFormats {
    public static final int NONE = avutil.AV_PIX_FMT_NONE;
    public static final int YUV420P = avutil.AV_PIX_FMT_YUV420P;
    public static final int YUVJ420P = avutil.AV_PIX_FMT_YUVJ420P;
    public static final int NV12 = avutil.AV_PIX_FMT_NV12;
    public static final int GRAY8 = avutil.AV_PIX_FMT_GRAY8;
    public static final int RGB24 = avutil.AV_PIX_FMT_RGB24;
    public static final int BGR24 = avutil.AV_PIX_FMT_BGR24;
    public static final int RGBA = avutil.AV_PIX_FMT_RGBA;

    /** Geometry of one pixel format. */
    record Info(int planes, int log2ChromaW, int log2ChromaH, boolean palette, boolean rgb, boolean special) {
    }

    private static final AtomicReferenceArray<Info> CACHE = new AtomicReferenceArray<>(1024);

    private PixelFormats() {
    }

    static {
        dev.reel.media.core.Natives.load();
    }

    /** FFmpeg's name ("yuv420p"), or null for an unknown value. */
    public static String name(int pixFmt) {
        BytePointer p = avutil.av_get_pix_fmt_name(pixFmt);
        return p == null || p.isNull() ? null : p.getString();
    }

    /** The AV_PIX_FMT_* value for an FFmpeg name; throws IllegalArgumentException if unknown. */
    public static int byName(String name) {
        int f = avutil.av_get_pix_fmt(name);
        if (f == avutil.AV_PIX_FMT_NONE) {
            throw new IllegalArgumentException("unknown pixel format '" + name + "'");
        }
        return f;
    }

    /** True for RGB-family formats (no YUV matrix). */
    public static boolean isRgb(int pixFmt) {
        return info(pixFmt).rgb();
    }

    static Info info(int pixFmt) {
        if (pixFmt < 0 || pixFmt >= CACHE.length()) {
            throw new IllegalArgumentException("unknown pixel format " + pixFmt);
        }
        Info i = CACHE.get(pixFmt);
        if (i == null) {
            AVPixFmtDescriptor d = avutil.av_pix_fmt_desc_get(pixFmt);
            if (d == null || d.isNull()) {
                throw new IllegalArgumentException("unknown pixel format " + pixFmt);
            }
            long flags = d.flags();
            boolean special = (flags & (avutil.AV_PIX_FMT_FLAG_HWACCEL | avutil.AV_PIX_FMT_FLAG_BITSTREAM)) != 0;
            i = new Info(avutil.av_pix_fmt_count_planes(pixFmt), d.log2_chroma_w(), d.log2_chroma_h(),
                    (flags & avutil.AV_PIX_FMT_FLAG_PAL) != 0, (flags & avutil.AV_PIX_FMT_FLAG_RGB) != 0, special);
            CACHE.set(pixFmt, i);
        }
        return i;
    }

    /** Rows in plane {@code plane} of a picture {@code height} rows high. */
    static int planeHeight(Info info, int plane, int height) {
        if (plane == 1 || plane == 2) {
            return -((-height) >> info.log2ChromaH());
        }
        return height;
    }
}
