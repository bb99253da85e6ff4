package dev.reel.cli.report;

import dev.reel.media.shots.ShotList;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A contact sheet: every shot's middle frame in a grid, each labelled with its number, start time
 * and length, as a PNG. Pictures keep their aspect; {@link #DEFAULT_COLUMNS} a row of
 * {@link #DEFAULT_TILE} px tiles up to {@link #FULL_SIZE_SHOTS} shots; beyond, tiles shrink (and rows
 * widen) so the picture's area stays about that of {@link #FULL_SIZE_SHOTS} full tiles.
 */
public final class ContactSheet {
    public static final int DEFAULT_COLUMNS = 5;
    public static final int DEFAULT_TILE = 256;
    public static final int FULL_SIZE_SHOTS = 400;
    private static final int MIN_TILE = 96;
    private static final int PAD = 10;
    private static final int LABEL = 22;
    private static final int TITLE = 34;

    private ContactSheet() {
    }

    public static void write(OutputStream out, String title, List<ShotList.Shot> shots, ShotFrames frames) throws IOException {
        int n = shots.size();
        int tileWidth = n <= FULL_SIZE_SHOTS ? DEFAULT_TILE
                : Math.max(MIN_TILE, (int) (DEFAULT_TILE * Math.sqrt((double) FULL_SIZE_SHOTS / n))) & ~1;
        int perRow = n <= FULL_SIZE_SHOTS ? DEFAULT_COLUMNS : (DEFAULT_COLUMNS * DEFAULT_TILE + tileWidth - 1) / tileWidth;
        int cols = Math.max(1, Math.min(perRow, n));
        int rows = Math.max(1, (shots.size() + cols - 1) / cols);
        int tileHeight = tileWidth * 9 / 16;
        for (ShotList.Shot s : shots) {
            BufferedImage img = image(frames.jpeg(ShotFrames.middle(s)));
            if (img != null) {
                tileHeight = Math.round((float) tileWidth * img.getHeight() / img.getWidth());
                break;
            }
        }
        int w = PAD + cols * (tileWidth + PAD);
        int h = TITLE + rows * (tileHeight + LABEL + PAD) + PAD;
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x1c232b));
            g.fillRect(0, 0, w, h);
            text(g, title, PAD, 23, new Font(Font.SANS_SERIF, Font.BOLD, 15), Color.WHITE);
            Font label = new Font(Font.MONOSPACED, Font.PLAIN, 12);
            for (int i = 0; i < shots.size(); i++) {
                ShotList.Shot s = shots.get(i);
                int x = PAD + (i % cols) * (tileWidth + PAD);
                int y = TITLE + (i / cols) * (tileHeight + LABEL + PAD);
                BufferedImage img = image(frames.jpeg(ShotFrames.middle(s)));
                if (img != null) {
                    g.drawImage(img, x, y, tileWidth, tileHeight, null);
                } else {
                    g.setColor(Color.BLACK);
                    g.fillRect(x, y, tileWidth, tileHeight);
                }
                String tc = ShotReport.tc(s.start());
                text(g, tileWidth >= 200 ? String.format(Locale.ROOT, "#%d  %s  %.1fs", s.index(), tc, s.seconds())
                        : String.format(Locale.ROOT, "#%d %s", s.index(), tc.substring(0, 8)), x + 2,
                        y + tileHeight + 16, label, new Color(0xd6dde6));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(sheet, "png", out);
    }

    private static BufferedImage image(byte[] jpeg) throws IOException {
        return jpeg == null ? null : ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    /** Text where fonts are available (a headless machine without any still gets the pictures). */
    private static void text(Graphics2D g, String s, int x, int y, Font f, Color c) {
        try {
            g.setFont(f);
            g.setColor(c);
            g.drawString(s, x, y);
        } catch (RuntimeException | Error noFonts) {
            // no fonts on this machine: pictures only
        }
    }
}
