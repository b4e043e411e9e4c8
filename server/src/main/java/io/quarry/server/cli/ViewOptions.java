package io.quarry.server.cli;

import io.quarry.engine.Filter;
import io.quarry.engine.SortKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which rows and in what order: the sort, filters and search shared by {@code rows} and {@code export}. */
final class ViewOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--sort",
            paramLabel = "COLUMN[:desc]",
            description = "Sort by a column, ascending or with :desc descending; repeat for more keys.")
    private List<String> sort = new ArrayList<>();

    @Option(
            names = "--filter",
            paramLabel = "COLUMN:OP[:VALUE]",
            description = "Keep rows that pass, e.g. price:gt:10, city:in:Oslo,Bergen, note:contains:late,"
                    + " price:is-null; repeat for more (all must pass).")
    private List<String> filters = new ArrayList<>();

    @Option(
            names = "--search",
            paramLabel = "WORDS",
            defaultValue = "",
            description = "Keep rows with every word somewhere in their text columns (case ignored).")
    private String search;

    List<SortKey> sort() {
        return sort.stream().map(SortKey::parse).toList();
    }

    /** The filters; one that does not parse is a usage error. */
    List<Filter> filters() {
        List<Filter> parsed = new ArrayList<>();
        for (String filter : filters) {
            try {
                parsed.add(FilterArgument.parse(filter));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return parsed;
    }

    String search() {
        return search;
    }
}
