package dev.reel.cli.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Option;

/** {@code --json} (a picocli mixin): the command's result as one JSON line on stdout, for scripts. */
public final class JsonOption {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print the result as JSON on stdout (one line, at the end).")
    boolean json;

    public boolean json() {
        return json;
    }

    /** Prints {@code value} as one JSON line on stdout when {@code --json} was given. */
    public void print(Object value) throws JsonProcessingException {
        if (json) {
            System.out.println(JSON.writeValueAsString(value));
        }
    }
}
