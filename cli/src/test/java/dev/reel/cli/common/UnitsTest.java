package dev.reel.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one parser of lengths, bitrates and sizes: what each accepts, and the one-line usage error for the rest. */
class UnitsTest {
    @ParameterizedTest
    @CsvSource({"90, 90", "1.5, 1.5", ".5, 0.5", "2., 2", "6s, 6", "6 s, 6", "0.6S, 0.6", "500ms, 0.5", "10m, 600",
        "10min, 600", "2h, 7200", "1d, 86400", "1e3, 1000", "01:30, 90", "00:01:30.250, 90.25", "1:00:00, 3600", "0, 0"})
    void lengths(String text, double seconds) {
        assertEquals(seconds, Units.seconds(text, "--x"), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "-1", "-5s", "6 days", "1:2:3:4", "1:-30", "1::2", "Infinity", "NaN", "10y", "s"})
    void badLengthsAreUsageErrorsNamingTheOption(String text) {
        UserError e = assertThrows(UserError.class, () -> Units.seconds(text, "--segment"));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("--segment wants a length like 6s, 10m, 2h or HH:MM:SS, got '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"800000, 800000", "2500k, 2500000", "2500K, 2500000", "4M, 4000000", "4m, 4000000", "1.5M, 1500000",
        "4 M, 4000000", "1e6, 1000000", "0, 0"})
    void bitrates(String text, long bps) {
        assertEquals(bps, Units.bitrate(text, "--bitrate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-5k", "4G", "k", "NaN", "Infinity"})
    void badBitratesAreUsageErrors(String text) {
        UserError e = assertThrows(UserError.class, () -> Units.bitrate(text, "--bitrate"));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("--bitrate wants a number like 2500k or 4M, got '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"4096, 4096", "0, 0", "1K, 1024", "500M, 524288000", "1G, 1073741824", "1g, 1073741824",
        "1.5T, 1649267441664", "2GiB, 2147483648", "2GB, 2147483648", "1 G, 1073741824", "7B, 7", "1E3, 1000"})
    void sizes(String text, long bytes) {
        assertEquals(bytes, Units.bytes(text, "--min-free"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-1G", "1P", "G", "99999999T"})
    void badSizesAreUsageErrors(String text) {
        UserError e = assertThrows(UserError.class, () -> Units.bytes(text, "--min-free"));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("--min-free wants a size like 500M, 1G or 0, got '" + text + "'", e.getMessage());
    }

    @Test
    void surroundingSpaceIsIgnored() {
        assertEquals(6, Units.seconds(" 6s ", "--x"));
        assertEquals(4_000_000, Units.bitrate(" 4M ", "--x"));
        assertEquals(1024, Units.bytes(" 1K ", "--x"));
    }
}
