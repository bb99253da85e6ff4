package dev.reel.cli.components;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.media.registry.ComponentRegistry;
import dev.reel.media.registry.Descriptor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reel components}: the components {@code reel run} knows, or one of them with its boxes and properties. */
@Command(name = "components", mixinStandardHelpOptions = true,
        description = {"Lists the components 'reel run' knows, or shows one: its boxes with message types, its "
            + "properties with type, default and range, and an example."})
public final class ComponentsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A component to describe.")
    String name;

    @Override
    public Integer call() {
        ComponentRegistry r = ComponentRegistry.standard();
        if (name == null) {
            System.out.print(ComponentDocs.list(r.all()));
            return ExitCodes.OK;
        }
        Descriptor d = r.find(name).orElseThrow(() -> {
            List<String> near = r.nearest(name, 3);
            return new UserError(ExitCodes.USAGE, "unknown component '" + name + "'"
                    + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)"));
        });
        System.out.print(ComponentDocs.describe(d));
        return ExitCodes.OK;
    }
}
