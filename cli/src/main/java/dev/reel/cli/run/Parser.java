package dev.reel.cli.run;

import dev.reel.cli.run.Lexer.Kind;
import dev.reel.cli.run.Lexer.Token;
import dev.reel.media.registry.ComponentRegistry;
import dev.reel.media.registry.Descriptor;
import dev.reel.media.registry.PropInfo;
import dev.reel.runtime.Leaky;
import dev.reel.runtime.LinkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Graph text to components, references and links (gst-launch style):
 * <pre>
 * graph    := chain*
 * chain    := endpoint (link endpoint)*
 * endpoint := COMPONENT [VALUE] (KEY=VALUE)*     a new component (VALUE right after its name); name=N names it
 *           | NAME.[BOX]                          a box of a named component (default box if none)
 * link     := '!' | '!' '[' [CAPACITY] (capacity=N | leaky=none|oldest|newest)* ']' '!'
 * </pre>
 * A chain ends where a word follows a complete component without a '!' between.
 */
final class Parser {
    static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    static final Pattern REF = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\.([A-Za-z_][A-Za-z0-9_]*)?");

    /** {@code key=value} (or a bare positional value, then key is the property it sets). */
    record PropNode(String key, String value, int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /** A component written in the text. */
    static final class Element {
        final Descriptor desc;
        final Token token;
        final Map<String, PropNode> props = new LinkedHashMap<>();
        PropNode name;
        int end;

        Element(Descriptor desc, Token token) {
            this.desc = desc;
            this.token = token;
            this.end = token.end();
        }
    }

    /** One side of a link: a component written here, or a reference NAME.[BOX]. */
    record End(Element element, String ref, String box, Token token) {
    }

    /** Capacity and policy written on a link; null fields were not given. */
    record LinkOpts(Integer capacity, Leaky leaky) {
    }

    record LinkNode(End from, End to, Token bang, LinkOpts opts) {
    }

    record Parsed(GraphText text, List<Element> elements, List<LinkNode> links) {
    }

    private final GraphText src;
    private final ComponentRegistry registry;
    private final List<Token> tokens;
    private int pos;
    private final List<Element> elements = new ArrayList<>();
    private final List<LinkNode> links = new ArrayList<>();

    private Parser(GraphText src, ComponentRegistry registry) {
        this.src = src;
        this.registry = registry;
        this.tokens = Lexer.tokens(src);
    }

    static Parsed parse(GraphText src, ComponentRegistry registry) {
        Parser p = new Parser(src, registry);
        if (p.tokens.isEmpty()) {
            throw new GraphSyntaxError(src, 0, Math.max(1, src.text().length()), "empty graph: want e.g. "
                    + "'decode in.mp4 ! encode ! mux out.mp4'");
        }
        while (p.pos < p.tokens.size()) {
            p.chain();
        }
        if (p.elements.isEmpty()) { // e.g. only box references: a graph of nothing would never end
            throw new GraphSyntaxError(src, 0, Math.max(1, src.text().length()), "no component in the graph: want e.g. "
                    + "'decode in.mp4 ! encode ! mux out.mp4'");
        }
        return new Parsed(src, p.elements, p.links);
    }

    private Token peek(int ahead) {
        return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
    }

    private GraphSyntaxError error(Token t, String msg) {
        return new GraphSyntaxError(src, t.start(), t.end(), msg);
    }

    private GraphSyntaxError error(int start, int end, String msg) {
        return new GraphSyntaxError(src, start, end, msg);
    }

    private void chain() {
        End prev = endpoint();
        boolean first = true;
        while (peek(0) != null && peek(0).is(Kind.BANG)) {
            Token bang = tokens.get(pos++);
            LinkOpts opts = null;
            if (peek(0) != null && peek(0).is(Kind.OPEN)) {
                opts = linkOpts();
                Token after = peek(0);
                if (after == null || !after.is(Kind.BANG)) {
                    Token at = after != null ? after : tokens.get(pos - 1);
                    throw error(at, "link options are written between two '!': a ! [capacity=64 leaky=oldest] ! b");
                }
                bang = tokens.get(pos++);
            }
            if (peek(0) == null) {
                throw error(bang, "'!' at the end: a component or NAME.BOX must follow");
            }
            if (prev.element() == null && prev.box() != null && !first) {
                throw error(prev.token(), "a box reference " + prev.token().text() + " can only start or end a chain");
            }
            End next = endpoint();
            links.add(new LinkNode(prev, next, bang, opts));
            prev = next;
            first = false;
        }
        if (first && prev.element() == null) {
            throw error(prev.token(), "a box reference " + prev.token().text() + " on its own links nothing: write it before or after a '!'");
        }
        Token t = peek(0);
        if (t != null && !t.is(Kind.WORD)) {
            throw error(t, t.is(Kind.OPEN) ? "link options are written between two '!': a ! [capacity=64] ! b"
                    : "unexpected '" + t.text() + "'");
        }
    }

    private End endpoint() {
        Token t = tokens.get(pos);
        if (t.is(Kind.BANG)) {
            throw error(t, "'!' needs a component or NAME.BOX before it");
        }
        if (!t.is(Kind.WORD)) {
            throw error(t, "expected a component, got '" + t.text() + "'");
        }
        pos++;
        if (t.eq() >= 0) {
            throw error(t, "property " + t.text() + " has no component before it");
        }
        var ref = REF.matcher(t.text());
        if (ref.matches()) {
            return new End(null, ref.group(1), ref.group(2), t);
        }
        if (!IDENT.matcher(t.text()).matches()) {
            throw error(t, "expected a component name or NAME.BOX, got '" + t.text() + "'");
        }
        Descriptor d = registry.find(t.text()).orElseThrow(() -> {
            List<String> near = registry.nearest(t.text(), 3);
            return error(t, "unknown component '" + t.text() + "'"
                    + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)")
                    + "; 'reel components' lists them");
        });
        Element e = new Element(d, t);
        elements.add(e);
        properties(e);
        return new End(e, null, null, t);
    }

    private void properties(Element e) {
        PropInfo positional = e.desc.positional();
        while (peek(0) != null && peek(0).is(Kind.WORD)) {
            Token w = peek(0);
            if (w.eq() >= 0) {
                String key = w.key();
                if (key.isEmpty()) {
                    throw error(w, "property without a name: want key=value");
                }
                PropNode p = new PropNode(key, w.value(), w.start(), w.valueStart() - 1, w.valueStart(), w.end());
                if (key.equals("name")) {
                    if (!IDENT.matcher(p.value()).matches()) {
                        throw error(p.valueStart(), p.valueEnd(), "a name is letters, digits, '_' or '-', got '" + p.value() + "'");
                    }
                    if (e.name != null) {
                        throw error(w, "name given twice");
                    }
                    e.name = p;
                } else if (e.props.putIfAbsent(key, p) != null) {
                    throw error(w.start(), w.valueStart() - 1, "property " + key + " given twice");
                }
                pos++;
                e.end = w.end();
                continue;
            }
            // The bare value comes right after the component name, so "scale width=320  t. ! ..." is not ambiguous.
            if (positional != null && e.props.isEmpty() && e.name == null) {
                e.props.put(positional.name(), new PropNode(positional.name(), w.text(), w.start(), w.end(), w.start(), w.end()));
                pos++;
                e.end = w.end();
                continue;
            }
            // A bare word that starts the next chain: a NAME.BOX reference or a component name.
            boolean nextIsBang = peek(1) != null && peek(1).is(Kind.BANG);
            if (REF.matcher(w.text()).matches() && nextIsBang || registry.find(w.text()).isPresent()) {
                return;
            }
            if (e.desc.prop(w.text()) != null) {
                throw error(w, "property " + w.text() + " needs a value: " + w.text() + "=VALUE");
            }
            if (positional == null) {
                throw error(w, e.desc.name() + " takes no bare value; properties: " + String.join(", ", e.desc.propNames()));
            }
            throw error(w, "unexpected '" + w.text() + "': the bare " + positional.name() + " of " + e.desc.name()
                    + " comes right after its name, once; a new chain starts with a component or NAME.BOX followed by '!'");
        }
    }

    private LinkOpts linkOpts() {
        Token open = tokens.get(pos++);
        Integer capacity = null;
        Leaky leaky = null;
        while (true) {
            Token t = peek(0);
            if (t == null) {
                throw error(open, "'[' without ']'");
            }
            pos++;
            if (t.is(Kind.CLOSE)) {
                return new LinkOpts(capacity, leaky);
            }
            if (!t.is(Kind.WORD)) {
                throw error(t, "expected capacity=N or leaky=none|oldest|newest before ']'");
            }
            String key = t.eq() >= 0 ? t.key() : "capacity";
            String value = t.eq() >= 0 ? t.value() : t.text();
            int vs = t.eq() >= 0 ? t.valueStart() : t.start();
            switch (key) {
                case "capacity" -> {
                    try {
                        int c = Integer.parseInt(value);
                        new LinkSpec(c, Leaky.NONE); // the runtime's own range check and message
                        capacity = c;
                    } catch (NumberFormatException ex) {
                        throw error(vs, t.end(), "capacity wants an integer (messages), got '" + value + "'");
                    } catch (IllegalArgumentException ex) {
                        throw error(vs, t.end(), ex.getMessage());
                    }
                }
                case "leaky" -> leaky = switch (value.toLowerCase(Locale.ROOT)) {
                    case "none", "no" -> Leaky.NONE;
                    case "oldest", "drop_oldest", "downstream" -> Leaky.DROP_OLDEST;
                    case "newest", "drop_newest", "upstream" -> Leaky.DROP_NEWEST;
                    default -> throw error(vs, t.end(), "leaky wants none, oldest or newest, got '" + value + "'");
                };
                default -> throw error(t.start(), t.valueStart() - 1, "unknown link option '" + key
                        + "'; link options: capacity, leaky");
            }
        }
    }
}
