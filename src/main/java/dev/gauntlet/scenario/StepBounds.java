package dev.gauntlet.scenario;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Bound the number of steps a run may take for its expectation to hold; either end may be open. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StepBounds(@Nullable Integer atLeast, @Nullable Integer atMost) {}
