package dev.reel.media.core;

import java.util.Locale;
import java.util.function.BiConsumer;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the FFmpeg libraries reel uses and keeps FFmpeg's log under control.
 *
 * <p>Only avutil, swresample, avcodec, avformat and swscale are loaded: avdevice pulls in
 * libpulse, which many machines lack. The native log is silent unless asked for, with
 * {@code -Dreel.ffmpeg.loglevel=warning} (or {@code REEL_FFMPEG_LOGLEVEL}), {@link #setLogLevel}
 * or {@link #setLogSink}: FFmpeg writes straight to fd 2 otherwise, past any Java logging.
 */
public final class Natives {
    private static volatile boolean loaded;
    private static volatile int level = avutil.AV_LOG_QUIET;
    private static volatile BiConsumer<Integer, String> sink;
    private static JavaLog javaLog; // strongly held: FFmpeg keeps the raw function pointer

    private Natives() {
    }

    /** Idempotent and cheap after the first call; every reel FFmpeg class calls it. */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (Natives.class) {
            if (loaded) {
                return;
            }
            Loader.load(avutil.class);
            // Quiet before anything else can log.
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            Loader.load(swresample.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            Loader.load(swscale.class);
            String configured = System.getProperty("reel.ffmpeg.loglevel", System.getenv("REEL_FFMPEG_LOGLEVEL"));
            level = configured == null ? avutil.AV_LOG_QUIET : parseLevel(configured);
            avutil.av_log_set_level(level);
            loaded = true;
        }
    }

    /**
     * Sets FFmpeg's log level by ffmpeg's names: quiet, panic, fatal, error, warning, info,
     * verbose, debug, trace (or a number).
     */
    public static void setLogLevel(String name) {
        setLogLevel(parseLevel(name));
    }

    public static void setLogLevel(int avLogLevel) {
        load();
        level = avLogLevel;
        avutil.av_log_set_level(avLogLevel);
    }

    /** The current FFmpeg log level (an AV_LOG_* value). */
    public static int logLevel() {
        return level;
    }

    /** True when FFmpeg (and encoders with their own loggers) should stay silent. */
    public static boolean quiet() {
        return level <= avutil.AV_LOG_QUIET;
    }

    /**
     * Routes FFmpeg log lines (level, text without newline) to {@code handler} instead of stderr,
     * filtered by the log level. Pass null to drop them. Messages arrive on FFmpeg's threads.
     */
    public static synchronized void setLogSink(BiConsumer<Integer, String> handler) {
        load();
        sink = handler;
        if (javaLog == null) {
            javaLog = new JavaLog();
            avutil.setLogCallback(javaLog);
        }
    }

    private static boolean svtQuieted;

    /**
     * SVT-AV1 prints to stderr itself, filtered only by the SVT_LOG environment variable, read when
     * an encoder starts. Sets it (unless the user did) to match our log level. Uses JNA when it is
     * on the class path (it comes with reel's runtime); without it SVT keeps printing.
     */
    public static synchronized void quietSvtAv1() {
        if (svtQuieted) {
            return;
        }
        svtQuieted = true;
        if (System.getenv("SVT_LOG") != null) {
            return;
        }
        String svtLevel = level <= avutil.AV_LOG_FATAL ? "0" : level <= avutil.AV_LOG_ERROR ? "1"
                : level <= avutil.AV_LOG_WARNING ? "2" : "3";
        try {
            LibC.INSTANCE.setenv("SVT_LOG", svtLevel, 0);
        } catch (LinkageError | RuntimeException noJna) {
            // no JNA: SVT-AV1 keeps its own logging
        }
    }

    private interface LibC extends com.sun.jna.Library {
        LibC INSTANCE = com.sun.jna.Native.load("c", LibC.class);

        int setenv(String name, String value, int overwrite);
    }

    /** "8.0.1"-style version of the loaded libavutil. */
    public static String ffmpegVersion() {
        load();
        BytePointer v = avutil.av_version_info();
        return v == null ? "?" : v.getString();
    }

    static int parseLevel(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "quiet": case "off": case "none": return avutil.AV_LOG_QUIET;
            case "panic": return avutil.AV_LOG_PANIC;
            case "fatal": return avutil.AV_LOG_FATAL;
            case "error": return avutil.AV_LOG_ERROR;
            case "warning": case "warn": return avutil.AV_LOG_WARNING;
            case "info": return avutil.AV_LOG_INFO;
            case "verbose": return avutil.AV_LOG_VERBOSE;
            case "debug": return avutil.AV_LOG_DEBUG;
            case "trace": return avutil.AV_LOG_TRACE;
            default:
                try {
                    return Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown FFmpeg log level '" + name
                            + "' (known: quiet, error, warning, info, verbose, debug, trace)");
                }
        }
    }

    private static final class JavaLog extends LogCallback {
        @Override
        public void call(int msgLevel, BytePointer msg) {
            if (msgLevel > level || msg == null || msg.isNull()) {
                return;
            }
            String text = msg.getString().stripTrailing();
            if (text.isEmpty()) {
                return;
            }
            BiConsumer<Integer, String> s = sink;
            if (s != null) {
                s.accept(msgLevel, text);
            }
        }
    }
}
