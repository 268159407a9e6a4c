package dev.gauntlet.scenario;

import org.apiguardian.api.API;

/**
 * Expect one step to have failed for a named reason, e.g. the model's output at step 50 being cut
 * off ({@code model_output}): the evidence a detection scenario points at.
 *
 * @param step the 1-based step
 * @param reason the reason code the step's result must carry
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StepErrorExpectation(int step, String reason, Origin origin) {}
