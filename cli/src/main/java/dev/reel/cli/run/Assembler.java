package dev.reel.cli.run;

import dev.reel.cli.run.Parser.Element;
import dev.reel.cli.run.Parser.End;
import dev.reel.cli.run.Parser.LinkNode;
import dev.reel.cli.run.Parser.Parsed;
import dev.reel.cli.run.Parser.PropNode;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.registry.ComponentRegistry;
import dev.reel.media.registry.Descriptor;
import dev.reel.media.annotation.Prop;
import dev.reel.media.registry.PropInfo;
import dev.reel.media.registry.PropertyException;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Graph;
import dev.reel.runtime.Leaky;
import dev.reel.runtime.LinkSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parsed graph text to a runtime {@link Graph}: names components, resolves references and default
 * boxes, sizes tees and merges, builds each component through its descriptor, chooses link
 * capacities, and checks every link, each error pointing at its token.
 */
public final class Assembler {
    /** A component of the assembled graph. */
    public record Node(String name, Descriptor descriptor, Component component, Map<String, String> properties) {
    }

    /** A link of the assembled graph ("child.box" endpoints as the runtime writes them). */
    public record Edge(String from, String to, LinkSpec spec) {
    }

    /** A file a property names, with where it is written in the text. */
    public record PathUse(String component, String path, Prop.Role role, int start, int end) {
    }

    public record Assembled(GraphText text, Graph graph, List<Node> nodes, List<Edge> edges, List<PathUse> paths) {
        /** The graph as the runtime will run it: components with every property, links with their limits. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (Node n : nodes) {
                b.append(n.name()).append(": ").append(n.descriptor().name());
                n.properties().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
                b.append('\n');
            }
            for (Edge e : edges) {
                b.append(e.from()).append(" -> ").append(e.to()).append(" [capacity=").append(e.spec().capacity());
                if (e.spec().leaky() != Leaky.NONE) {
                    b.append(" leaky=").append(e.spec().leaky() == Leaky.DROP_OLDEST ? "oldest" : "newest");
                }
                b.append("]\n");
            }
            return b.toString();
        }
    }

    private record Resolved(Element from, String fromBox, Element to, String toBox, LinkNode node) {
    }

    private final Parsed parsed;
    private final GraphText src;
    private final Map<String, Element> byName = new LinkedHashMap<>();
    private final Map<Element, String> names = new IdentityHashMap<>();
    private final Map<Element, Map<String, String>> values = new IdentityHashMap<>();
    private final Map<Element, Component> components = new IdentityHashMap<>();

    private Assembler(Parsed parsed) {
        this.parsed = parsed;
        this.src = parsed.text();
    }

    /** Parses and assembles; every mistake is a {@link GraphSyntaxError} pointing into the text. */
    public static Assembled assemble(GraphText text, ComponentRegistry registry, String graphName) {
        return new Assembler(Parser.parse(text, registry)).build(graphName);
    }

    private GraphSyntaxError error(int start, int end, String msg) {
        return new GraphSyntaxError(src, start, end, msg);
    }

    private Assembled build(String graphName) {
        nameElements();
        List<Resolved> links = new ArrayList<>();
        for (LinkNode l : parsed.links()) {
            links.add(new Resolved(resolve(l.from()), l.from().box(), resolve(l.to()), l.to().box(), l));
        }
        for (Element e : parsed.elements()) {
            Map<String, String> v = new LinkedHashMap<>();
            e.props.forEach((k, p) -> v.put(k, p.value()));
            values.put(e, v);
        }
        sizeFanOuts(links);
        inferGlobalHeaders(links);
        List<Node> nodes = new ArrayList<>();
        List<PathUse> paths = new ArrayList<>();
        for (Element e : parsed.elements()) {
            Component c = instantiate(e);
            components.put(e, c);
            nodes.add(new Node(names.get(e), e.desc, c, values.get(e)));
            for (PropInfo p : e.desc.props()) {
                PropNode pn = e.props.get(p.name());
                if (p.role() != Prop.Role.VALUE && pn != null) {
                    paths.add(new PathUse(names.get(e), pn.value(), p.role(), pn.valueStart(), pn.valueEnd()));
                }
            }
        }
        Graph.Builder g = Graph.builder(graphName);
        for (Element e : parsed.elements()) {
            g.add(names.get(e), components.get(e));
        }
        List<String[]> boxes = chooseBoxes(links);
        int[] capacity = capacities(links, boxes);
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            Resolved l = links.get(i);
            String from = names.get(l.from()) + "." + boxes.get(i)[0];
            String to = names.get(l.to()) + "." + boxes.get(i)[1];
            int[] span = span(l.node());
            Leaky leaky = l.node().opts() != null && l.node().opts().leaky() != null ? l.node().opts().leaky() : Leaky.NONE;
            LinkSpec spec = new LinkSpec(capacity[i], leaky);
            g.link(from, to, spec);
            try {
                g.build(); // the runtime's own checks (boxes, types, outbox linked twice), for this link
            } catch (IllegalArgumentException ex) {
                throw error(span[0], span[1], ex.getMessage());
            }
            edges.add(new Edge(from, to, spec));
        }
        return new Assembled(src, g.build(), nodes, edges, paths);
    }

    /** Explicit names first, so "mux" can still be the automatic name of the first unnamed mux. */
    private void nameElements() {
        for (Element e : parsed.elements()) {
            if (e.name != null) {
                if (byName.containsKey(e.name.value())) {
                    throw error(e.name.valueStart(), e.name.valueEnd(), "name '" + e.name.value() + "' is used twice");
                }
                byName.put(e.name.value(), e);
                names.put(e, e.name.value());
            }
        }
        for (Element e : parsed.elements()) {
            if (e.name == null) {
                String base = e.desc.name();
                String n = base;
                for (int k = 2; byName.containsKey(n); k++) {
                    n = base + k;
                }
                byName.put(n, e);
                names.put(e, n);
            }
        }
    }

    private Element resolve(End end) {
        if (end.element() != null) {
            return end.element();
        }
        Element e = byName.get(end.ref());
        if (e == null) {
            List<String> near = ComponentRegistry.nearest(end.ref(), new ArrayList<>(byName.keySet()), 3);
            throw error(end.token().start(), end.token().start() + end.ref().length(), "no component named '" + end.ref()
                    + "'" + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)")
                    + "; named: " + String.join(", ", byName.keySet()));
        }
        return e;
    }

    /** A tee gets one branch per link leaving it without a box name, a merge one input per link in. */
    private void sizeFanOuts(List<Resolved> links) {
        for (Element e : parsed.elements()) {
            String out = e.desc.countOutboxes();
            if (out != null && !e.props.containsKey(out)) {
                long n = links.stream().filter(l -> l.from() == e && l.fromBox() == null).count();
                values.get(e).put(out, Long.toString(Math.max(1, n)));
            }
            String in = e.desc.countInboxes();
            if (in != null && !e.props.containsKey(in)) {
                long n = links.stream().filter(l -> l.to() == e && l.toBox() == null).count();
                values.get(e).put(in, Long.toString(Math.max(1, n)));
            }
        }
    }

    /**
     * Encoders put codec headers out of band only for containers that want them (mp4 yes, mpegts no),
     * as a transcode does: unless given, globalHeader follows the muxers downstream.
     */
    private void inferGlobalHeaders(List<Resolved> links) {
        for (Element e : parsed.elements()) {
            if (e.desc.prop("globalHeader") == null || e.props.containsKey("globalHeader")) {
                continue;
            }
            Set<Element> seen = new HashSet<>();
            ArrayDeque<Element> todo = new ArrayDeque<>(List.of(e));
            Boolean global = null;
            while (!todo.isEmpty()) {
                Element x = todo.poll();
                if (!seen.add(x)) {
                    continue;
                }
                if (x.desc.name().equals("mux") && values.get(x).get("location") != null) {
                    boolean g = Muxer.needsGlobalHeader(values.get(x).get("location"), values.get(x).get("format"));
                    global = global == null ? g : global || g;
                }
                links.stream().filter(l -> l.from() == x).forEach(l -> todo.add(l.to()));
            }
            if (global != null) {
                values.get(e).put("globalHeader", global.toString());
            }
        }
    }

    private Component instantiate(Element e) {
        try {
            return e.desc.create(values.get(e));
        } catch (PropertyException ex) {
            PropNode p = e.props.get(ex.property());
            int[] at = switch (ex.kind()) {
                case UNKNOWN -> new int[] {p.keyStart(), p.keyEnd()};
                case VALUE, POSITIONAL -> p == null ? whole(e) : new int[] {p.valueStart(), p.valueEnd()};
                case MISSING -> new int[] {e.token.start(), e.token.end()};
            };
            String msg = ex.getMessage();
            if (ex.kind() == PropertyException.Kind.UNKNOWN) {
                List<String> near = ComponentRegistry.nearest(ex.property(), e.desc.propNames(), 2);
                msg = e.desc.name() + " has no property '" + ex.property() + "'"
                        + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)")
                        + "; properties: " + String.join(", ", e.desc.propNames());
            }
            throw error(at[0], at[1], msg);
        } catch (IllegalArgumentException ex) {
            int[] at = whole(e);
            throw error(at[0], at[1], e.desc.name() + ": " + ex.getMessage());
        }
    }

    private static int[] whole(Element e) {
        return new int[] {e.token.start(), e.end};
    }

    /**
     * A link side without a box name uses outbox/inbox, or, for components without one (a tee), the
     * next of its boxes not yet linked, in declaration order.
     */
    private List<String[]> chooseBoxes(List<Resolved> links) {
        Set<String> used = new HashSet<>();
        List<String[]> out = new ArrayList<>();
        for (Resolved l : links) {
            String fb = l.fromBox() != null ? l.fromBox()
                    : pick(components.get(l.from()).boxes().outboxes(), Boxes.OUTBOX, Boxes.SIGNAL, names.get(l.from()), used);
            String tb = l.toBox() != null ? l.toBox()
                    : pick(components.get(l.to()).boxes().inboxes(), Boxes.INBOX, Boxes.CONTROL, names.get(l.to()), used);
            used.add(names.get(l.from()) + ".out." + fb);
            used.add(names.get(l.to()) + ".in." + tb);
            out.add(new String[] {fb, tb});
        }
        return out;
    }

    private static String pick(Map<String, Class<?>> boxes, String main, String skip, String owner, Set<String> used) {
        if (boxes.containsKey(main)) {
            return main;
        }
        String dir = main.equals(Boxes.OUTBOX) ? ".out." : ".in.";
        for (String b : boxes.keySet()) {
            if (!b.equals(skip) && !used.contains(owner + dir + b)) {
                return b;
            }
        }
        return main; // the runtime's check names the boxes there are
    }

    /**
     * Written capacity, else the hint of the sending box, else of the receiving box (the depths a
     * transcode uses: frames 8, packets 64, audio 256), else what feeds the sender (through a tee).
     */
    private int[] capacities(List<Resolved> links, List<String[]> boxes) {
        int n = links.size();
        int[] cap = new int[n];
        for (int i = 0; i < n; i++) {
            Resolved l = links.get(i);
            Integer written = l.node().opts() == null ? null : l.node().opts().capacity();
            int hint = l.from().desc.capacity(boxes.get(i)[0]);
            if (hint == 0) {
                hint = l.to().desc.capacity(boxes.get(i)[1]);
            }
            cap[i] = written != null ? written : hint;
        }
        for (int round = 0; round < n; round++) {
            for (int i = 0; i < n; i++) {
                if (cap[i] == 0) {
                    Element from = links.get(i).from();
                    for (int j = 0; j < n; j++) {
                        if (links.get(j).to() == from && cap[j] > 0) {
                            cap[i] = Math.max(cap[i], cap[j]);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (cap[i] == 0) {
                cap[i] = LinkSpec.DEFAULT_CAPACITY;
            }
        }
        return cap;
    }

    /** The text from the sending side to the receiving side (or the '!' if they are on different lines). */
    private int[] span(LinkNode l) {
        int s = l.from().token().start();
        int e = l.to().element() != null ? l.to().element().end : l.to().token().end();
        if (src.line(s) != src.line(e)) {
            return new int[] {l.bang().start(), l.bang().end()};
        }
        return new int[] {s, e};
    }
}
