package dev.gauntlet.agent;

import dev.gauntlet.sandbox.ToolResult;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Show the agent where it stands before it decides: the step about to be taken, the result of the
 * previous action, and what remains of the budget.
 *
 * @param step the 1-based number of the step about to be taken
 * @param previous what the previous action returned, or null on the first step
 * @param stepsLeft steps left in the budget, this one included
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Observation(int step, @Nullable ToolResult previous, int stepsLeft) {}
