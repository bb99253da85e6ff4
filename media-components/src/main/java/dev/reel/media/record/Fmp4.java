package dev.reel.media.record;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.BytePointer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Fragmented MP4 segments: the init part's length, and AAC headers the format needs up front. */
final class Fmp4 {
    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    private Fmp4() {
    }

    /**
     * AAC from MPEG-TS (ADTS) has no extradata; fragmented MP4 writes its moov before the first
     * packet, so the AudioSpecificConfig the muxer would learn from it must be there beforehand
     * ({@link #withoutAdts} strips the ADTS headers from the packets). Made from what the ADTS header told the
     * demuxer: profile, rate, channels. Anything else is returned as it is.
     */
    static StreamInfo forMp4(StreamInfo audio) {
        if (audio == null || audio.codecId() != avcodec.AV_CODEC_ID_AAC || audio.codecParameters().extradata_size() > 0) {
            return audio;
        }
        int rate = -1;
        for (int i = 0; i < AAC_RATES.length; i++) {
            if (AAC_RATES[i] == audio.sampleRate()) {
                rate = i;
            }
        }
        int ch = audio.channels() == 8 ? 7 : audio.channels();
        if (rate < 0 || ch < 1 || ch > 7) {
            return audio; // the muxer will say what it cannot take
        }
        int profile = audio.codecParameters().profile();
        int objectType = profile >= 0 && profile <= 3 ? profile + 1 : 2; // ADTS profile + 1; else AAC-LC
        byte[] asc = {(byte) (objectType << 3 | rate >> 1), (byte) ((rate & 1) << 7 | ch << 3)};
        return audio.withExtradata(asc);
    }

    /**
     * A new reference to {@code p} without its ADTS header (7 bytes, 9 with a CRC), the raw AAC
     * frame MP4 holds. The muxer could do this itself only if it had seen a packet before writing
     * its header, which fragmented MP4 writes first. A packet that is not ADTS is referenced as is.
     */
    static Packet withoutAdts(Packet p) {
        Packet q = Packet.reference(p.avPacket(), p.timeBase());
        AVPacket raw = q.avPacket();
        int size = raw.size();
        BytePointer data = raw.data();
        if (size > 9 && (data.get(0) & 0xff) == 0xff && (data.get(1) & 0xf0) == 0xf0) {
            int header = (data.get(1) & 1) == 1 ? 7 : 9;
            raw.data(new BytePointer(data).position(header)).size(size - header);
        }
        return q;
    }

    /**
     * Bytes before the first {@code moof} box: the init section HLS points EXT-X-MAP at (each
     * segment is its own muxer, so each has one), or 0 if the file has no fragment.
     */
    static long initLength(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(16);
            while (pos + 8 <= size) {
                head.clear().limit(16);
                ch.read(head, pos);
                head.flip();
                if (head.remaining() < 8) {
                    return 0;
                }
                long len = head.getInt(0) & 0xffffffffL;
                String type = new String(new byte[] {head.get(4), head.get(5), head.get(6), head.get(7)},
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                if (type.equals("moof")) {
                    return pos;
                }
                if (len == 1 && head.remaining() >= 16) {
                    len = head.getLong(8); // 64-bit size
                } else if (len == 0) {
                    return 0; // box to the end of the file: no fragment follows
                }
                if (len < 8) {
                    return 0;
                }
                pos += len;
            }
            return 0;
        }
    }
}
