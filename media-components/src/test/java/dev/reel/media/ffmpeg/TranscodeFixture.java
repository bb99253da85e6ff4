package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;
import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * Test fixture, not a tool: this package's classes joined on one thread (demux, decode, [rotate],
 * [crop], [scale], encode, mux; audio copied or re-encoded) so its tests can check what the
 * FFmpeg layer writes. The product's chain is the runtime graph the CLI builds from the
 * components (Decode, Rotate, Crop, Scale, Encode, AudioEncode, Mux), tested in the cli module.
 */
final class TranscodeFixture {
    /** What to do; fields are the knobs the tests turn. */
    static final class Job {
        final String input;
        final String output;
        String format;
        VideoEncoder.Settings video = new VideoEncoder.Settings().preset("veryfast").crf(23);
        int[] crop; // x, y, w, h
        int width; // 0 = no scaling; -2 allowed
        int height;
        String audioCodec; // null = copy
        boolean audio = true;
        boolean autorotate;

        Job(String input, String output) {
            this.input = input;
            this.output = output;
        }

        Job video(VideoEncoder.Settings s) {
            this.video = s;
            return this;
        }

        Job crop(int x, int y, int w, int h) {
            this.crop = new int[] {x, y, w, h};
            return this;
        }

        Job scale(int w, int h) {
            this.width = w;
            this.height = h;
            return this;
        }

        Job audioCodec(String codec) {
            this.audioCodec = codec;
            return this;
        }

        /** Turn pictures upright (transpose) instead of tagging the output with the rotation. */
        Job autorotate() {
            this.autorotate = true;
            return this;
        }

        Job noAudio() {
            this.audio = false;
            return this;
        }

        Job format(String f) {
            this.format = f;
            return this;
        }
    }

    /** Counters of one run. */
    record Stats(long videoFrames, long videoPackets, long audioPackets, long corruptPackets) {
    }

    /** The stages of one run after the decoder, and what passed through them. */
    private record Chain(Job job, VideoFilter rotate, Scaler scaler, VideoEncoder encoder, AudioEncoder audioEncoder,
            Muxer out, int videoOut, int audioOut, long[] counts) {
        static final int FRAMES = 0;
        static final int VIDEO_PACKETS = 1;
        static final int AUDIO_PACKETS = 2;

        void decoded(VideoDecoder dec) {
            VideoFrame f;
            while ((f = dec.receive()) != null) {
                if (rotate == null) {
                    encode(f);
                    continue;
                }
                try {
                    rotate.send(f);
                } finally {
                    f.release();
                }
                filtered();
            }
        }

        void filtered() {
            VideoFrame r;
            while ((r = rotate.receive()) != null) {
                encode(r);
            }
        }

        /** Crop, scale, encode one frame; consumes the caller's reference to {@code f}. */
        void encode(VideoFrame f) {
            VideoFrame g = f;
            try {
                if (job.crop != null) {
                    g = f.crop(job.crop[0], job.crop[1], job.crop[2], job.crop[3]);
                }
                if (scaler != null) {
                    VideoFrame s = scaler.scale(g);
                    if (g != f) {
                        g.release();
                    }
                    g = s;
                }
                encoder.send(g);
            } finally {
                if (g != f) {
                    g.release();
                }
                f.release();
            }
            counts[Chain.FRAMES]++;
            writeVideoPackets();
        }

        void writeVideoPackets() {
            counts[Chain.VIDEO_PACKETS] += write(encoder::receive, videoOut);
        }

        void audio(Packet p, AudioDecoder adec) {
            if (adec == null) {
                out.write(p, audioOut);
                counts[Chain.AUDIO_PACKETS]++;
                return;
            }
            adec.send(p);
            audioFrames(adec);
        }

        void audioFrames(AudioDecoder adec) {
            AudioFrame f;
            while ((f = adec.receive()) != null) {
                try {
                    audioEncoder.send(f);
                } finally {
                    f.release();
                }
                writeAudioPackets();
            }
        }

        void writeAudioPackets() {
            counts[Chain.AUDIO_PACKETS] += write(audioEncoder::receive, audioOut);
        }

        long write(java.util.function.Supplier<Packet> packets, int stream) {
            long n = 0;
            Packet p;
            while ((p = packets.get()) != null) {
                try {
                    out.write(p, stream);
                } finally {
                    p.release();
                }
                n++;
            }
            return n;
        }
    }

    private TranscodeFixture() {
    }

    static Stats run(Job job) {
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
            VideoFilter rotation = job.autorotate ? VideoFilter.forRotation(vs.rotation()) : null;
            boolean transposed = rotation != null && vs.rotation() % 180 != 0;
            int w = job.crop != null ? job.crop[2] : transposed ? vs.height() : vs.width();
            int h = job.crop != null ? job.crop[3] : transposed ? vs.width() : vs.height();
            Scaler scaling = null;
            if (job.width != 0 || job.height != 0) {
                scaling = new Scaler(job.width, job.height, PixelFormats.NONE);
                Scaler.Size s = scaling.outputSize(w, h);
                w = s.width();
                h = s.height();
            }
            try (VideoDecoder dec = new VideoDecoder(vs);
                    VideoFilter rot = rotation;
                    Scaler sc = scaling;
                    VideoEncoder enc = VideoEncoder.open(job.video, vs, w, h, vs.format());
                    AudioDecoder adec = ai >= 0 && job.audioCodec != null ? new AudioDecoder(in.stream(ai)) : null;
                    AudioEncoder aenc = adec != null ? AudioEncoder.open(new AudioEncoder.Settings().codec(job.audioCodec)
                            .globalHeader(global), in.stream(ai)) : null;
                    Muxer mux = Muxer.open(job.output, new Muxer.Options().format(job.format))) {
                int ov = mux.addStream(rot != null ? enc.streamInfo() : enc.streamInfo().withRotation(vs.rotation()));
                int oa = ai < 0 ? -1 : mux.addStream(aenc != null ? aenc.streamInfo() : in.stream(ai));
                long[] counts = new long[3];
                Chain chain = new Chain(job, rot, sc, enc, aenc, mux, ov, oa, counts);
                Packet p;
                while ((p = in.read()) != null) {
                    try {
                        if (p.streamIndex() == vi) {
                            dec.send(p);
                            chain.decoded(dec);
                        } else if (p.streamIndex() == ai) {
                            chain.audio(p, adec);
                        }
                    } finally {
                        p.release();
                    }
                }
                dec.sendEof();
                chain.decoded(dec);
                if (rot != null) {
                    rot.sendEof();
                    chain.filtered();
                }
                enc.sendEof();
                chain.writeVideoPackets();
                if (adec != null) {
                    adec.sendEof();
                    chain.audioFrames(adec);
                    aenc.sendEof();
                    chain.writeAudioPackets();
                }
                mux.finish();
                return new Stats(counts[Chain.FRAMES], counts[Chain.VIDEO_PACKETS], counts[Chain.AUDIO_PACKETS], dec.corruptPackets());
            }
        }
    }
}
