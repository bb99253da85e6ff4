package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * A plain single-threaded chain of the FFmpeg layer: demux, decode, optional crop and scale,
 * encode, mux; audio copied or re-encoded. What the runtime components do, one stage per core.
 */
public final class SimpleTranscode {
    /** What to do; fields are the knobs the tests turn. */
    public static final class Job {
        String input;
        String output;
        String format;
        VideoEncoder.Settings video = new VideoEncoder.Settings().preset("veryfast").crf(23);
        int[] crop; // x, y, w, h
        int width; // 0 = no scaling; -2 allowed
        int height;
        String audioCodec; // null = copy
        boolean audio = true;
        boolean autorotate;

        public Job(String input, String output) {
            this.input = input;
            this.output = output;
        }

        public Job video(VideoEncoder.Settings s) {
            this.video = s;
            return this;
        }

        public Job crop(int x, int y, int w, int h) {
            this.crop = new int[] {x, y, w, h};
            return this;
        }

        public Job scale(int w, int h) {
            this.width = w;
            this.height = h;
            return this;
        }

        public Job audioCodec(String codec) {
            this.audioCodec = codec;
            return this;
        }

        /** Turn pictures upright (transpose) instead of tagging the output with the rotation. */
        public Job autorotate() {
            this.autorotate = true;
            return this;
        }

        public Job noAudio() {
            this.audio = false;
            return this;
        }

        public Job format(String f) {
            this.format = f;
            return this;
        }
    }

    /** Counters of one run. */
    public record Stats(long videoFrames, long videoPackets, long audioPackets, long corruptPackets) {
    }

    private SimpleTranscode() {
    }

    public static Stats run(Job job) {
        long frames = 0;
        long vPackets = 0;
        long aPackets = 0;
        PACKETS.set(0L);
        try (Demuxer in = Demuxer.open(job.input)) {
            int vi = in.bestStream(MediaType.VIDEO);
            int ai = job.audio ? in.bestStream(MediaType.AUDIO) : -1;
            if (vi < 0) {
                throw new MediaException(MediaException.Kind.NOT_MEDIA, "no video in " + job.input);
            }
            in.selectStreams(ai >= 0 ? new int[] {vi, ai} : new int[] {vi});
            StreamInfo vs = in.stream(vi);
            boolean global = Muxer.needsGlobalHeader(job.output, job.format);
            job.video.globalHeader(global);

            int w = vs.width();
            int h = vs.height();
            VideoFilter rotate = job.autorotate ? VideoFilter.forRotation(vs.rotation()) : null;
            if (rotate != null && vs.rotation() % 180 != 0) {
                w = vs.height();
                h = vs.width();
            }
            if (job.crop != null) {
                w = job.crop[2];
                h = job.crop[3];
            }
            Scaler scaler = null;
            if (job.width != 0 || job.height != 0) {
                scaler = new Scaler(job.width, job.height, PixelFormats.NONE);
                Scaler.Size s = scaler.outputSize(w, h);
                w = s.width();
                h = s.height();
            }
            try (VideoDecoder dec = new VideoDecoder(vs);
                    VideoFilter rot = rotate;
                    Scaler sc = scaler;
                    VideoEncoder enc = VideoEncoder.open(job.video, vs, w, h, vs.format());
                    AudioDecoder adec = ai >= 0 && job.audioCodec != null ? new AudioDecoder(in.stream(ai)) : null;
                    AudioEncoder aenc = adec != null ? AudioEncoder.open(new AudioEncoder.Settings().codec(job.audioCodec)
                            .globalHeader(global), in.stream(ai)) : null;
                    Muxer out = Muxer.open(job.output, new Muxer.Options().format(job.format))) {
                int ov = out.addStream(rot != null ? enc.streamInfo() : enc.streamInfo().withRotation(vs.rotation()));
                int oa = ai < 0 ? -1 : out.addStream(aenc != null ? aenc.streamInfo() : in.stream(ai));
                Packet p;
                while ((p = in.read()) != null) {
                    try {
                        if (p.streamIndex() == vi) {
                            dec.send(p);
                            frames += drainVideo(dec, rot, sc, job, enc, out, ov);
                        } else if (p.streamIndex() == ai) {
                            if (adec == null) {
                                out.write(p, oa);
                                aPackets++;
                            } else {
                                adec.send(p);
                                aPackets += drainAudio(adec, aenc, out, oa);
                            }
                        }
                    } finally {
                        p.release();
                    }
                    vPackets += drainPackets(enc, out, ov);
                }
                dec.sendEof();
                frames += drainVideo(dec, rot, sc, job, enc, out, ov);
                if (rot != null) {
                    rot.sendEof();
                    frames += drainFilter(rot, sc, job, enc, out, ov);
                }
                enc.sendEof();
                vPackets += drainPackets(enc, out, ov);
                if (adec != null) {
                    adec.sendEof();
                    aPackets += drainAudio(adec, aenc, out, oa);
                    aenc.sendEof();
                    Packet ap;
                    while ((ap = aenc.receive()) != null) {
                        out.write(ap, oa);
                        ap.release();
                        aPackets++;
                    }
                }
                out.finish();
                return new Stats(frames, vPackets + PACKETS.get(), aPackets, dec.corruptPackets());
            }
        }
    }

    private static long drainVideo(VideoDecoder dec, VideoFilter rot, Scaler sc, Job job, VideoEncoder enc, Muxer out, int ov) {
        long n = 0;
        VideoFrame f;
        while ((f = dec.receive()) != null) {
            if (rot == null) {
                n += process(f, sc, job, enc, out, ov);
                continue;
            }
            try {
                rot.send(f);
            } finally {
                f.release();
            }
            n += drainFilter(rot, sc, job, enc, out, ov);
        }
        return n;
    }

    private static long drainFilter(VideoFilter rot, Scaler sc, Job job, VideoEncoder enc, Muxer out, int ov) {
        long n = 0;
        VideoFrame r;
        while ((r = rot.receive()) != null) {
            n += process(r, sc, job, enc, out, ov);
        }
        return n;
    }

    /** Crop, scale, encode one frame; consumes the caller's reference to {@code f}. */
    private static long process(VideoFrame f, Scaler sc, Job job, VideoEncoder enc, Muxer out, int ov) {
        VideoFrame g = f;
        try {
            if (job.crop != null) {
                g = f.crop(job.crop[0], job.crop[1], job.crop[2], job.crop[3]);
            }
            if (sc != null) {
                VideoFrame s = sc.scale(g);
                if (g != f) {
                    g.release();
                }
                g = s;
            }
            enc.send(g);
        } finally {
            if (g != f) {
                g.release();
            }
            f.release();
        }
        PACKETS.set(PACKETS.get() + drainPackets(enc, out, ov));
        return 1;
    }

    // Video packets written while draining frames (single-threaded helper: a thread-local tally).
    private static final ThreadLocal<Long> PACKETS = ThreadLocal.withInitial(() -> 0L);

    private static long drainPackets(VideoEncoder enc, Muxer out, int ov) {
        long n = 0;
        Packet p;
        while ((p = enc.receive()) != null) {
            try {
                out.write(p, ov);
            } finally {
                p.release();
            }
            n++;
        }
        return n;
    }

    private static long drainAudio(AudioDecoder adec, AudioEncoder aenc, Muxer out, int oa) {
        long n = 0;
        AudioFrame f;
        while ((f = adec.receive()) != null) {
            try {
                aenc.send(f);
            } finally {
                f.release();
            }
            Packet p;
            while ((p = aenc.receive()) != null) {
                out.write(p, oa);
                p.release();
                n++;
            }
        }
        return n;
    }
}
