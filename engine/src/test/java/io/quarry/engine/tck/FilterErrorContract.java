package io.quarry.engine.tck;

import static io.quarry.engine.FilterOp.BETWEEN;
import static io.quarry.engine.FilterOp.CONTAINS;
import static io.quarry.engine.FilterOp.EQ;
import static io.quarry.engine.FilterOp.GT;
import static io.quarry.engine.FilterOp.IN;
import static io.quarry.engine.FilterOp.IS_NOT_NULL;
import static io.quarry.engine.FilterOp.IS_NULL;
import static io.quarry.engine.FilterOp.LT;
import static io.quarry.engine.FilterOp.REGEX;
import static io.quarry.engine.FilterOp.STARTS_WITH;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.PageRequest;
import io.quarry.engine.SortKey;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filters and sorts that cannot be answered: each fails with its code and a sentence for a person. */
abstract class FilterErrorContract extends ReadContractPart {

    FilterErrorContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void refusesTheWrongNumberOfValuesWhenTheFilterIsMade() {
        assertFails(
                () -> Filter.of("price", BETWEEN, "1"),
                EngineError.INVALID_FILTER,
                "The between filter on \"price\" takes 2 values, not 1.");
        assertFails(
                () -> Filter.of("n", IS_NULL, "x"),
                EngineError.INVALID_FILTER,
                "The is_null filter on \"n\" takes 0 values, not 1.");
        assertFails(
                () -> Filter.of("n", IS_NOT_NULL, "x", "y"),
                EngineError.INVALID_FILTER,
                "The is_not_null filter on \"n\" takes 0 values, not 2.");
        assertFails(
                () -> Filter.of("n", EQ), EngineError.INVALID_FILTER, "The eq filter on \"n\" takes 1 value, not 0.");
        assertFails(
                () -> Filter.of("n", IN),
                EngineError.INVALID_FILTER,
                "The in filter on \"n\" takes between 1 and 10000 values, not 0.");
        assertFails(
                () -> new Filter("n", FilterOp.NOT_IN, Collections.nCopies(Filter.MAX_VALUES + 1, "1"), false),
                EngineError.INVALID_FILTER,
                "The not_in filter on \"n\" takes between 1 and 10000 values, not 10001.");
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "n|abc|a whole number",
                "n|1.5|a whole number",
                "n|''|a whole number",
                "id|1e3|a whole number",
                "price|abc|a number",
                "price|1,5|a number",
                "ratio|x|a number",
                "flag|yes|true or false",
                "flag|1|true or false",
                "day|2024-02-30|a date like 2024-01-31",
                "day|31/01/2024|a date like 2024-01-31",
                "at|noon|a date and time like 2024-01-31 13:45:00",
                "at|2024-01-31 25:00:00|a date and time like 2024-01-31 13:45:00"
            })
    void refusesAValueThatDoesNotFitTheColumn(String column, String value, String needs) {
        Dataset dataset = generated();

        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of(column, EQ, value)), ""),
                EngineError.INVALID_FILTER,
                "The filter on \"" + column + "\" needs " + needs + ", not \"" + value + "\".");
    }

    @Test
    void refusesABadValueInAnyPositionOfAList() {
        Dataset dataset = generated();

        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("n", IN, "1", "2", "x")), ""),
                EngineError.INVALID_FILTER,
                "The filter on \"n\" needs a whole number, not \"x\".");
        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("day", BETWEEN, "2024-01-01", "soon")), ""),
                EngineError.INVALID_FILTER,
                "The filter on \"day\" needs a date like 2024-01-31, not \"soon\".");
    }

    @Test
    void refusesTextOperatorsOnOtherColumns() {
        Dataset dataset = generated();

        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("n", CONTAINS, "1")), ""),
                EngineError.INVALID_FILTER,
                "The contains filter works on text columns; \"n\" holds BIGINT values.");
        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("day", STARTS_WITH, "2024")), ""),
                EngineError.INVALID_FILTER,
                "The starts-with filter works on text columns; \"day\" holds DATE values.");
        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("flag", REGEX, "t")), ""),
                EngineError.INVALID_FILTER,
                "The regex filter works on text columns; \"flag\" holds BOOLEAN values.");
    }

    @Test
    void refusesAnUnknownColumn() {
        Dataset dataset = generated();

        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("nope", EQ, "1")), ""),
                EngineError.UNKNOWN_COLUMN,
                "The dataset has no column named \"nope\".");
        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("nope", IS_NULL)), ""),
                EngineError.UNKNOWN_COLUMN,
                "The dataset has no column named \"nope\".");
    }

    @Test
    void refusesToSortByAnUnknownColumnWhileFiltering() {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        Dataset dataset = generated();

        assertFails(
                () -> read(dataset, 0, 10, List.of(SortKey.parse("nope:desc")), List.of(Filter.of("n", GT, "1")), ""),
                EngineError.UNKNOWN_COLUMN,
                "The dataset has no column named \"nope\".");
    }

    @Test
    void refusesAnInvalidRegularExpression() {
        Dataset dataset = generated();

        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(Filter.of("name", REGEX, "(")), ""),
                EngineError.INVALID_FILTER,
                "The regular expression in a filter is not valid.");
        assertFails(
                () -> read(dataset, 0, 10, List.of(), List.of(new Filter("note", REGEX, List.of("[a-"), true)), ""),
                EngineError.INVALID_FILTER,
                "The regular expression in a filter is not valid.");
    }

    @Test
    void refusesMoreThanAHundredFilters() {
        List<Filter> filters = IntStream.range(0, PageRequest.MAX_FILTERS + 1)
                .mapToObj(i -> Filter.of("n", LT, "5"))
                .toList();

        assertFails(
                () -> new PageRequest("any", 0, 10, List.of(), filters, ""),
                EngineError.INVALID_FILTER,
                "A page can have at most 100 filters.");
    }

    @Test
    void refusesMoreThanEightSortKeys() {
        List<SortKey> sort = IntStream.range(0, PageRequest.MAX_SORT_KEYS + 1)
                .mapToObj(i -> new SortKey(ReadData.COLUMNS.get(i), false))
                .toList();

        assertFails(
                () -> new PageRequest("any", 0, 10, sort, List.of(), ""),
                EngineError.INVALID_PAGE,
                "A page can be sorted by at most 8 columns.");
    }
}
