package dev.reel.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Plots soak.csv as a PNG with java.awt in headless mode: one panel per series against minutes,
 * faults as thin vertical lines. Also {@code java ... SoakPlot soak.csv soak-events.csv soak.png}.
 */
public final class SoakPlot {
    private static final int W = 1200;
    private static final int PANEL_H = 170;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 30;

    private SoakPlot() {
    }

    public static void main(String[] args) throws IOException {
        plot(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    /** Columns as written by {@link Soak}: seconds, then series; {@code events}: seconds,kind,detail. */
    static void plot(Path csv, Path events, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",");
        List<double[]> rows = new ArrayList<>();
        List<double[]> marks = new ArrayList<>(); // seconds, kind hash
        List<String> markNames = new ArrayList<>();
        if (Files.exists(events)) {
            for (String l : Files.readAllLines(events).stream().skip(1).toList()) {
                String[] f = l.split(",", 3);
                marks.add(new double[] {Double.parseDouble(f[0])});
                markNames.add(f.length > 1 ? f[1] : "");
            }
        }
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            double[] r = new double[head.length];
            for (int i = 0; i < head.length && i < f.length; i++) {
                try {
                    r[i] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    r[i] = Double.NaN;
                }
            }
            rows.add(r);
        }
        String[][] panels = {{"rss_mb", "heap_after_gc_mb"}, {"fds"}, {"threads"}, {"cpu_percent"}};
        int h = TOP + panels.length * PANEL_H + 40;
        BufferedImage img = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double tMax = 1;
        for (double[] r : rows) {
            tMax = Math.max(tMax, r[0]);
        }
        g.setColor(Color.BLACK);
        g.drawString("reel record soak: recorder process over time (minutes); grey lines: injected faults, red: recorder killed", LEFT, 18);
        Color[] colours = {new Color(0x1f77b4), new Color(0xff7f0e)};
        for (int p = 0; p < panels.length; p++) {
            int y0 = TOP + p * PANEL_H;
            int ph = PANEL_H - 30;
            double yMax = 1;
            for (String name : panels[p]) {
                int c = column(head, name);
                for (double[] r : rows) {
                    if (c >= 0 && !Double.isNaN(r[c])) {
                        yMax = Math.max(yMax, r[c]);
                    }
                }
            }
            yMax *= 1.1;
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(LEFT, y0, W - LEFT - RIGHT, ph);
            for (int i = 0; i < marks.size(); i++) {
                int x = LEFT + (int) ((W - LEFT - RIGHT) * marks.get(i)[0] / tMax);
                g.setColor(markNames.get(i).startsWith("KILL") ? new Color(0xd62728) : new Color(0xcccccc));
                g.drawLine(x, y0, x, y0 + ph);
            }
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", yMax), 5, y0 + 12);
            g.drawString("0", 5, y0 + ph);
            for (int s = 0; s < panels[p].length; s++) {
                String name = panels[p][s];
                int c = column(head, name);
                g.setColor(colours[s]);
                g.drawString(name, LEFT + 10 + s * 150, y0 + 14);
                if (c < 0) {
                    continue;
                }
                g.setStroke(new BasicStroke(1.5f));
                int px = -1;
                int py = -1;
                for (double[] r : rows) {
                    if (Double.isNaN(r[c]) || r[c] < 0) {
                        px = -1;
                        continue;
                    }
                    int x = LEFT + (int) ((W - LEFT - RIGHT) * r[0] / tMax);
                    int y = y0 + ph - (int) (ph * r[c] / yMax);
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    } else {
                        g.fillRect(x - 1, y - 1, 3, 3);
                    }
                    px = x;
                    py = y;
                }
            }
        }
        g.setColor(Color.BLACK);
        int yb = TOP + panels.length * PANEL_H;
        for (int i = 0; i <= 10; i++) {
            int x = LEFT + (W - LEFT - RIGHT) * i / 10;
            g.drawString(String.format(Locale.ROOT, "%.1f", tMax * i / 10 / 60), x - 8, yb);
        }
        g.drawString("minutes", W / 2, yb + 20);
        g.dispose();
        Path tmp = png.resolveSibling("." + png.getFileName() + ".part");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static int column(String[] head, String name) {
        for (int i = 0; i < head.length; i++) {
            if (head[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
