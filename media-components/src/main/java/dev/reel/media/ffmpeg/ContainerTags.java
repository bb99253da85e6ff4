package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import dev.reel.media.frame.Rational;

/** Reads a container's tags and chapters from an input and writes them into an output, as ffmpeg copies them. */
final class ContainerTags {
    private ContainerTags() {
    }

    /** The chapters of an open input, in order (empty if it has none). */
    static List<Chapter> chapters(AVFormatContext ctx) {
        List<Chapter> out = new ArrayList<>(ctx.nb_chapters());
        for (int i = 0; i < ctx.nb_chapters(); i++) {
            AVChapter c = ctx.chapters(i);
            out.add(new Chapter(c.id(), Rational.of(c.time_base()), c.start(), c.end(), Av.map(c.metadata())));
        }
        return out;
    }

    /**
     * Adds {@code tags} to {@code d} and returns the dictionary to store back (av_dict_set takes
     * AVDictionary**: a fresh holder when {@code d} is null, never a null Java reference).
     */
    static AVDictionary putAll(AVDictionary d, Map<String, String> tags) {
        AVDictionary md = d != null ? d : new AVDictionary(null);
        for (var e : tags.entrySet()) {
            av_dict_set(md, e.getKey(), e.getValue(), 0);
        }
        return md;
    }

    /** Writes container tags and chapters into an output before its header is written. */
    static void write(AVFormatContext ctx, Map<String, String> metadata, List<Chapter> chapters) {
        if (!metadata.isEmpty()) {
            ctx.metadata(putAll(ctx.metadata(), metadata));
        }
        if (chapters.isEmpty()) {
            return;
        }
        // Allocated with av_malloc: avformat_free_context frees chapters, their tags and the array.
        int n = chapters.size();
        Pointer array = av_mallocz((long) n * Pointer.sizeof(PointerPointer.class));
        if (array == null || array.isNull()) {
            throw new OutOfMemoryError("chapters");
        }
        PointerPointer<AVChapter> list = new PointerPointer<AVChapter>(array);
        list.capacity(n);
        ctx.chapters(list).nb_chapters(n);
        for (int i = 0; i < n; i++) {
            Chapter c = chapters.get(i);
            Pointer mem = av_mallocz(Loader.sizeof(AVChapter.class));
            if (mem == null || mem.isNull()) {
                throw new OutOfMemoryError("chapter");
            }
            AVChapter ch = new AVChapter(mem);
            ch.id(c.id()).start(c.start()).end(c.end());
            c.timeBase().copyTo(ch.time_base());
            list.put(i, ch);
            if (!c.tags().isEmpty()) {
                ch.metadata(putAll(null, c.tags()));
            }
        }
    }
}
