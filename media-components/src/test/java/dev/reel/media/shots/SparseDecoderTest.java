package dev.reel.media.shots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.VideoFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference-frames-first decoding must find what decoding every frame finds, at the same frames.
 * The clip is H.264 with a fixed B-frame pattern (x264 b-adapt=0, b-pyramid, no scene-cut key frames):
 * frames 4k and 4k+2 are references, 4k+1 and 4k+3 are not, so each cut below sits next to a frame
 * the main decoder skips and can only be placed exactly by decoding it again.
 */
class SparseDecoderTest {
    static final int[] CUTS = {37, 71, 102, 140};
    static final int FRAMES = 200;

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = dir.resolve("bframes.mp4");
        String[] sources = {
            "testsrc2=s=640x360:r=25",
            "mandelbrot=s=640x360:r=25",
            "smptehdbars=s=640x360:r=25,scroll=h=0.006,noise=alls=8:allf=t",
            "testsrc=s=640x360:r=25,hue=H=2*PI*t/3",
            "cellauto=s=640x360:r=25:rule=110:full=1,format=yuv420p,boxblur=2",
        };
        StringBuilder g = new StringBuilder();
        int from = 0;
        for (int i = 0; i <= CUTS.length; i++) {
            int to = i < CUTS.length ? CUTS[i] : FRAMES;
            g.append(sources[i]).append(",trim=end_frame=").append(to - from)
                    .append(",format=yuv420p,setpts=PTS-STARTPTS,settb=1/25[s").append(i).append("];");
            from = to;
        }
        for (int i = 0; i <= CUTS.length; i++) {
            g.append("[s").append(i).append("]");
        }
        // A two-frame flash inside the last shot (frames 170-171): no cut.
        g.append("concat=n=").append(CUTS.length + 1).append(":v=1:a=0,eq=brightness=0.5:enable='between(n,170,171)'[out]");
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-filter_complex", g.toString(), "-map", "[out]",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                "-x264-params", "keyint=48:min-keyint=48:scenecut=0:bframes=3:b-adapt=0:b-pyramid=normal",
                clip.toString()));
    }

    record Run(List<Transition> transitions, List<Double> times, SparseDecoder decoder) {
    }

    static Run detect(boolean sparse) {
        ShotDetector d = Detectors.create("default", Map.of());
        List<Transition> found = new ArrayList<>();
        d.setListener(found::add);
        List<Double> times = new ArrayList<>();
        SparseDecoder dec = SparseDecoder.forEach(clip.toString(), sparse, f -> {
            assertEquals(times.size(), f.index(), "frames numbered in presentation order");
            times.add(f.pts());
            d.accept(f);
        });
        d.finish();
        return new Run(found, times, dec);
    }

    @Test
    void skipNonReferenceDropsExactlyTheNonReferenceFrames() {
        Set<Long> decoded = new HashSet<>();
        long all = 0;
        try (Demuxer d = Demuxer.open(clip.toString())) {
            int vi = d.bestStream(MediaType.VIDEO);
            d.selectStreams(vi);
            try (VideoDecoder dec = new VideoDecoder(d.stream(vi), new VideoDecoder.Options().threads(1))) {
                dec.skipNonReference(true);
                for (Packet p; (p = d.read()) != null; ) {
                    all++;
                    dec.send(p);
                    p.release();
                    for (VideoFrame f; (f = dec.receive()) != null; f.release()) {
                        decoded.add(Math.round(f.seconds() * 25));
                    }
                }
                dec.sendEof();
                for (VideoFrame f; (f = dec.receive()) != null; f.release()) {
                    decoded.add(Math.round(f.seconds() * 25));
                }
            }
        }
        assertEquals(FRAMES, all);
        for (int c : CUTS) {
            assertTrue(!decoded.contains((long) c) || !decoded.contains((long) c - 1),
                    "cut " + c + " must border a skipped frame for this test to mean anything; decoded " + decoded);
        }
        assertTrue(decoded.size() > FRAMES * 4 / 10 && decoded.size() < FRAMES * 6 / 10, decoded.size() + " of " + FRAMES);
    }

    @Test
    void findsTheSameShotsAtTheSameFramesAsDecodingEveryFrame() {
        Run every = detect(false);
        Run sparse = detect(true);
        assertEquals(FRAMES, every.times().size());
        assertEquals(every.times(), sparse.times(), "same frames, same times");
        assertEquals(every.transitions().stream().map(Transition::startFrame).toList(),
                sparse.transitions().stream().map(Transition::startFrame).toList());
        List<Long> cuts = sparse.transitions().stream().filter(Transition::isCut).map(Transition::startFrame).toList();
        assertEquals(List.of(37L, 71L, 102L, 140L), cuts, "exact frames, no flash taken for a cut");
        SparseDecoder d = sparse.decoder();
        assertNull(d.fullDecodeReason(), "frames were skipped throughout");
        assertTrue(d.held() > FRAMES / 4, "most skipped frames need no decoding: " + d.held());
        assertTrue(d.refined() >= CUTS.length, "each cut's skipped neighbour was decoded: " + d.refined());
        assertTrue(d.decodedTwice() < FRAMES / 2, "second decoder's work stays small: " + d.decodedTwice());
        assertEquals(FRAMES, d.frames());
    }

    @Test
    void matroskaAndMpegTsKeepEveryFrame() throws Exception {
        // Matroska gives the first packets no decode time and MPEG-TS starts late: frames must not be lost.
        Run every = detect(false);
        for (String ext : new String[] {"mkv", "ts"}) {
            Path copy = dir.resolve("copy." + ext);
            RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-i", clip.toString(), "-c", "copy", copy.toString()));
            ShotDetector d = Detectors.create("default", Map.of());
            List<Transition> found = new ArrayList<>();
            d.setListener(found::add);
            List<Double> times = new ArrayList<>();
            SparseDecoder dec = SparseDecoder.forEach(copy.toString(), true, f -> {
                times.add(f.pts());
                d.accept(f);
            });
            d.finish();
            assertEquals(FRAMES, times.size(), ext);
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(every.times().get(i), times.get(i), 0.002, ext + " frame " + i);
            }
            assertEquals(every.transitions().stream().map(Transition::startFrame).toList(),
                    found.stream().map(Transition::startFrame).toList(), ext);
            assertTrue(dec.held() > FRAMES / 4, ext + ": frames were skipped");
        }
    }

    @Test
    void truncatedInputGivesTheFramesAFullDecodeGives() throws Exception {
        Path fast = dir.resolve("fast.mp4");
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-i", clip.toString(), "-c", "copy",
                "-movflags", "+faststart", fast.toString()));
        byte[] all = java.nio.file.Files.readAllBytes(fast);
        Path cut = dir.resolve("truncated.mp4");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(all, all.length * 3 / 5));
        List<Double> every = new ArrayList<>();
        List<Double> sparse = new ArrayList<>();
        SparseDecoder.forEach(cut.toString(), false, f -> every.add(f.pts()));
        SparseDecoder.forEach(cut.toString(), true, f -> sparse.add(f.pts()));
        assertTrue(every.size() > 50 && every.size() < FRAMES, every.size() + " frames");
        assertEquals(every, sparse, "no frame invented past the last one that decodes");
    }

    @Test
    void cutAfterCutFarFromKeyFramesPausesSkipping() throws Exception {
        // A cut every 9 frames, key frames 300 apart: each cut next to a skipped frame sends the second
        // decoder back to the key frame, which soon costs more than skipping saves.
        Path busy = dir.resolve("busy.mp4");
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-filter_complex",
                "testsrc2=s=320x180:r=25:d=24[a];mandelbrot=s=320x180:r=25,trim=duration=24[b];"
                        + "[a][b]overlay=enable='lt(mod(n\\,18)\\,9)',format=yuv420p[out]",
                "-map", "[out]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
                "-x264-params", "keyint=300:min-keyint=300:scenecut=0:bframes=3:b-adapt=0:b-pyramid=normal",
                busy.toString()));
        List<Double> every = new ArrayList<>();
        List<Double> sparse = new ArrayList<>();
        SparseDecoder.forEach(busy.toString(), false, f -> every.add(f.pts()));
        SparseDecoder d = SparseDecoder.forEach(busy.toString(), true, f -> sparse.add(f.pts()));
        assertEquals(600, every.size());
        assertEquals(every, sparse);
        assertTrue(d.pauses() >= 1, "skipping paused where it did not pay");
        assertNull(d.fullDecodeReason(), "and resumed: not a decode-everything-for-good");
        assertTrue(d.decodedTwice() < 600, "second decoder's work bounded: " + d.decodedTwice());
    }

    @Test
    void joinedRepeatedAndDamagedTimelinesGiveTheFramesAFullDecodeGives() throws Exception {
        Path ts = dir.resolve("once.ts");
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-i", clip.toString(), "-c", "copy", ts.toString()));
        byte[] once = java.nio.file.Files.readAllBytes(ts);
        // Two files joined byte for byte (cat a.ts b.ts): times go back half way.
        Path joined = dir.resolve("joined.ts");
        byte[] two = java.util.Arrays.copyOf(once, 2 * once.length);
        System.arraycopy(once, 0, two, once.length, once.length);
        java.nio.file.Files.write(joined, two);
        // One packet carrying the time of the packet before it.
        Path repeated = dir.resolve("repeated.ts");
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-i", clip.toString(), "-c", "copy",
                "-bsf:v", "setts=pts='if(eq(N,19),PREV_OUTPTS,PTS)'", repeated.toString()));
        // A run of bytes overwritten in the middle.
        Path damaged = dir.resolve("damaged.ts");
        byte[] broken = once.clone();
        java.util.Arrays.fill(broken, broken.length * 2 / 5, broken.length * 2 / 5 + 6000, (byte) 0x5a);
        java.nio.file.Files.write(damaged, broken);
        for (Path p : List.of(joined, repeated, damaged)) {
            List<Long> every = new ArrayList<>();
            List<Long> sparse = new ArrayList<>();
            SparseDecoder.forEach(p.toString(), false, f -> every.add(f.index()));
            SparseDecoder d = SparseDecoder.forEach(p.toString(), true, f -> sparse.add(f.index()));
            assertTrue(every.size() > FRAMES / 2, p + ": " + every.size());
            assertEquals(every.size(), sparse.size(), p.getFileName() + ": frames");
            assertNotNull(d.fullDecodeReason(), p.getFileName() + " ends up decoded in full");
        }
    }

    @Test
    void codecWithoutNonReferenceFramesIsDecodedInFull() throws Exception {
        Path mpeg4 = dir.resolve("mpeg4.avi");
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-i", clip.toString(), "-frames:v", "60",
                "-c:v", "mpeg4", "-q:v", "4", mpeg4.toString()));
        List<Long> idx = new ArrayList<>();
        SparseDecoder d = SparseDecoder.forEach(mpeg4.toString(), true, f -> idx.add(f.index()));
        assertEquals(60, idx.size());
        assertEquals(0, d.held() + d.refined());
        assertNotNull(d.fullDecodeReason());
        assertTrue(d.fullDecodeReason().contains("mpeg4"), d.fullDecodeReason());
    }
}
