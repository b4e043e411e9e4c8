package io.quarry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterArgumentTest {

    @Test
    void readsOneValue() {
        assertThat(FilterArgument.parse("price:gt:10"))
                .isEqualTo(new Filter("price", FilterOp.GT, List.of("10"), false));
    }

    @Test
    void keepsColonsInTheValue() {
        assertThat(FilterArgument.parse("pickup_at:ge:2024-01-01 10:00:00").values())
                .containsExactly("2024-01-01 10:00:00");
    }

    @Test
    void splitsListsOnCommas() {
        assertThat(FilterArgument.parse("city:not-in:Oslo,Bergen"))
                .isEqualTo(new Filter("city", FilterOp.NOT_IN, List.of("Oslo", "Bergen"), false));
        assertThat(FilterArgument.parse("price:between:1,5").values()).containsExactly("1", "5");
    }

    @Test
    void takesNoValueForNullChecks() {
        assertThat(FilterArgument.parse("price:is-null"))
                .isEqualTo(new Filter("price", FilterOp.IS_NULL, List.of(), false));
    }

    @Test
    void explainsAMalformedFilter() {
        assertThatThrownBy(() -> FilterArgument.parse("price"))
                .hasMessage("A filter looks like COLUMN:OP:VALUE, e.g. price:gt:10 or city:eq:Oslo; not \"price\".");
        assertThatThrownBy(() -> FilterArgument.parse("price:bigger:3"))
                .hasMessageStartingWith("Unknown filter operator \"bigger\"; use one of [eq, ne, lt");
    }
}
