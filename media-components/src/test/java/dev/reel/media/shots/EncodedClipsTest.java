package dev.reel.media.shots;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real encoded clips made with ffmpeg's lavfi sources, decoded by the bundled ffmpeg executable. */
class EncodedClipsTest {
    @TempDir
    Path dir;

    static List<Transition> detect(Path clip, String detector) throws Exception {
        ShotDetector d = Detectors.create(detector, Map.of());
        List<Transition> out = new ArrayList<>();
        d.setListener(out::add);
        RawFrameSource.decode(clip, d::accept);
        d.finish();
        return out;
    }

    static void encode(Path out, String graph) throws Exception {
        RawFrameSource.run(List.of("-hide_banner", "-nostdin", "-y", "-filter_complex", graph, "-map", "[out]",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", out.toString()));
    }

    @Test
    void cutDissolveAndFlashOnLavfiSources() throws Exception {
        Path clip = dir.resolve("mix.mp4");
        // 0-49 testsrc2 | cut | 50-99 mandelbrot (zooming) | dissolve over 80..99 | testsrc2 elsewhere,
        // with a 2-frame flash at 130-131.
        encode(clip, "testsrc2=s=320x180:r=25:d=2,format=yuv420p,setpts=PTS-STARTPTS[a];"
                + "mandelbrot=s=320x180:r=25,trim=duration=4,format=yuv420p,setpts=PTS-STARTPTS[b];"
                + "smptehdbars=s=320x180:r=25:d=4,format=yuv420p,scroll=h=0.004,noise=alls=6:allf=t,setpts=PTS-STARTPTS,settb=1/25[c];"
                + "[a][b]concat=n=2:v=1:a=0,settb=1/25[ab];"
                + "[ab][c]xfade=transition=fade:duration=0.8:offset=3.2,eq=brightness=0.45:enable='between(n,130,131)'[out]");
        List<Transition> ts = detect(clip, "default");
        List<Transition> cuts = ts.stream().filter(Transition::isCut).toList();
        List<Transition> grad = ts.stream().filter(t -> !t.isCut()).toList();
        assertEquals(1, cuts.size(), ts.toString());
        assertTrue(Math.abs(cuts.get(0).frame() - 50) <= 1, ts.toString());
        assertEquals(2.0, cuts.get(0).time(), 0.041);
        assertEquals(1, grad.size(), ts.toString());
        assertTrue(grad.get(0).overlaps(80, 99), ts.toString());
    }

    @Test
    void fastPanAndZoomAreNoTransitions() throws Exception {
        Path clip = dir.resolve("motion.mp4");
        encode(clip, "testsrc2=s=1280x360:r=25:d=5,crop=320:180:x='min(960,n*14)':y='90+60*sin(n/7)',format=yuv420p[p];"
                + "smptehdbars=s=640x360:r=25:d=3,zoompan=z='1+on*0.02':d=1:s=320x180:fps=25:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)',"
                + "trim=duration=3,setpts=PTS-STARTPTS,format=yuv420p[z];"
                + "[p][z]concat=n=2:v=1:a=0[out]");
        List<Transition> ts = detect(clip, "default");
        assertEquals(1, ts.size(), ts.toString());
        assertTrue(ts.get(0).isCut() && Math.abs(ts.get(0).frame() - 125) <= 1, ts.toString());
    }
}
