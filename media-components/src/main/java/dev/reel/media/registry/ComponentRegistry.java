package dev.reel.media.registry;

import dev.reel.media.annotation.ComponentDoc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every component the shell knows, by name. To add one: put {@link ComponentDoc} on a static factory of it and
 * name its class in a {@code META-INF/reel/components} resource (one class per line, {@code #} comments). The
 * built-in components are listed the same way, so this package depends on no component.
 */
public final class ComponentRegistry {
    static final String RESOURCE = "META-INF/reel/components";

    private static volatile ComponentRegistry standard;

    private final Map<String, Descriptor> byName = new LinkedHashMap<>();
    private final Map<String, Descriptor> byAlias = new LinkedHashMap<>();

    public ComponentRegistry(List<Class<?>> classes) {
        for (Class<?> c : classes) {
            add(c);
        }
    }

    /** Every component named in a {@code META-INF/reel/components} resource on the class path. */
    public static ComponentRegistry standard() {
        ComponentRegistry r = standard;
        if (r == null) {
            Set<Class<?>> classes = new LinkedHashSet<>();
            ClassLoader cl = ComponentRegistry.class.getClassLoader();
            for (String n : listed(cl)) {
                classes.add(tryLoad(n, cl).orElseThrow(() -> new IllegalStateException(RESOURCE + " names a missing class " + n)));
            }
            r = new ComponentRegistry(new ArrayList<>(classes));
            standard = r;
        }
        return r;
    }

    private static Optional<Class<?>> tryLoad(String name, ClassLoader cl) {
        try {
            return Optional.of(Class.forName(name, false, cl));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static List<String> listed(ClassLoader cl) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> urls = cl.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(urls.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        String t = line.replaceAll("#.*", "").trim();
                        if (!t.isEmpty()) {
                            names.add(t);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return names;
    }

    private void add(Class<?> c) {
        List<Method> methods = new ArrayList<>();
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(ComponentDoc.class)) {
                methods.add(m);
            }
        }
        // getMethods() has no defined order; the name keeps listings stable
        methods.sort(Comparator.comparing(Method::getName));
        for (Method m : methods) {
            Descriptor d = Descriptor.of(m);
            if (byName.containsKey(d.name()) || byAlias.containsKey(d.name())) {
                throw new IllegalStateException("two components named " + d.name());
            }
            byName.put(d.name(), d);
            for (String a : d.aliases()) {
                byAlias.put(a, d);
            }
        }
    }

    public List<Descriptor> all() {
        return List.copyOf(byName.values());
    }

    /** By name or alias, ignoring case. */
    public Optional<Descriptor> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Descriptor d = byName.get(n);
        return Optional.ofNullable(d != null ? d : byAlias.get(n));
    }

    /** The known names nearest to {@code name} (edit distance), best first, at most {@code max}. */
    public List<String> nearest(String name, int max) {
        List<String> all = new ArrayList<>(byName.keySet());
        all.addAll(byAlias.keySet());
        return nearest(name, all, max);
    }

    /** Names within a small edit distance of {@code word} (or starting like it), best first. */
    public static List<String> nearest(String word, List<String> candidates, int max) {
        String w = word.toLowerCase(Locale.ROOT);
        record Scored(String name, int d) {
        }
        List<Scored> s = new ArrayList<>();
        for (String c : candidates) {
            int d = levenshtein(w, c.toLowerCase(Locale.ROOT));
            if (d <= Math.max(2, w.length() / 3) || c.startsWith(w) && w.length() >= 2) {
                s.add(new Scored(c, d));
            }
        }
        s.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::name));
        return s.stream().limit(max).map(Scored::name).toList();
    }

    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
