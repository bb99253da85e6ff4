package dev.reel.media.frame;

import org.bytedeco.ffmpeg.global.avutil;

/** The kind of an elementary stream. */
public enum MediaType {
    VIDEO, AUDIO, SUBTITLE, DATA, ATTACHMENT, UNKNOWN;

    public static MediaType of(int avMediaType) {
        if (avMediaType == avutil.AVMEDIA_TYPE_VIDEO) {
            return VIDEO;
        }
        if (avMediaType == avutil.AVMEDIA_TYPE_AUDIO) {
            return AUDIO;
        }
        if (avMediaType == avutil.AVMEDIA_TYPE_SUBTITLE) {
            return SUBTITLE;
        }
        if (avMediaType == avutil.AVMEDIA_TYPE_DATA) {
            return DATA;
        }
        if (avMediaType == avutil.AVMEDIA_TYPE_ATTACHMENT) {
            return ATTACHMENT;
        }
        return UNKNOWN;
    }

    public int avMediaType() {
        switch (this) {
            case VIDEO: return avutil.AVMEDIA_TYPE_VIDEO;
            case AUDIO: return avutil.AVMEDIA_TYPE_AUDIO;
            case SUBTITLE: return avutil.AVMEDIA_TYPE_SUBTITLE;
            case DATA: return avutil.AVMEDIA_TYPE_DATA;
            case ATTACHMENT: return avutil.AVMEDIA_TYPE_ATTACHMENT;
            default: return avutil.AVMEDIA_TYPE_UNKNOWN;
        }
    }
}
