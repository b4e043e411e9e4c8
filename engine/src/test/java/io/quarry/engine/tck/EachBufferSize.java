package io.quarry.engine.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs a quirk test once per parser read buffer: 1, 3 and 7 bytes, and the default ({@code 0} stands for
 * {@link io.quarry.engine.IngestOptions#defaults()}). Every run must give the same, exact result.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "read buffer {0} bytes (0 = default)")
@ValueSource(ints = {1, 3, 7, 0})
@interface EachBufferSize {}
