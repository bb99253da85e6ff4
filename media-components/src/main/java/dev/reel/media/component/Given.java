package dev.reel.media.component;

import java.util.function.Consumer;

/**
 * Applies the optional properties of a shell factory: a property left unset (null) keeps the
 * settings' own default, so the default lives in one place.
 */
final class Given {
    private Given() {
    }

    /** Hands {@code value} to {@code setter} when it was given. */
    static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
