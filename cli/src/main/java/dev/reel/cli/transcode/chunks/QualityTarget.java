package dev.reel.cli.transcode.chunks;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import java.util.Locale;

/**
 * A per-chunk quality target ({@code --target ssim=0.98}): each chunk gets the highest CRF whose
 * encode still scores at least {@code value} on {@code metric}, the metric computed by libavfilter
 * between the chunk's decoded source frames and its decoded encode.
 *
 * @param metric {@code ssim} (mean SSIM, all planes, 0-1), {@code psnr} (mean PSNR, dB) or
 *               {@code xpsnr} (luma XPSNR, dB)
 */
public record QualityTarget(String metric, double value) {
    public static final String USAGE = "--target wants ssim=0.80..0.9999, psnr=DB or xpsnr=DB (DB 20..70), e.g. ssim=0.98";

    /** Parses {@code METRIC=VALUE}; a user mistake is a one-line usage error. */
    public static QualityTarget parse(String s) {
        String[] kv = s == null ? new String[0] : s.trim().toLowerCase(Locale.ROOT).split("=", -1);
        if (kv.length != 2) {
            throw new UserError(ExitCodes.USAGE, USAGE + ", got '" + s + "'");
        }
        double v;
        try {
            v = Double.parseDouble(kv[1]);
        } catch (NumberFormatException e) {
            throw new UserError(ExitCodes.USAGE, USAGE + ", got '" + s + "'");
        }
        boolean ok = switch (kv[0]) {
            case "ssim" -> v >= 0.8 && v <= 0.9999;
            case "psnr", "xpsnr" -> v >= 20 && v <= 70;
            default -> false;
        };
        if (!ok) {
            throw new UserError(ExitCodes.USAGE, USAGE + ", got '" + s + "'");
        }
        return new QualityTarget(kv[0], v);
    }

    public boolean met(double score) {
        return score >= value;
    }

    @Override
    public String toString() {
        return metric + "=" + value;
    }
}
