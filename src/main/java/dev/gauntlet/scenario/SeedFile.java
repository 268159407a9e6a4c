package dev.gauntlet.scenario;

import org.apiguardian.api.API;

/**
 * Seed the workspace with one file before the run. The loader has already read a file given by
 * {@code from:} (relative to the scenario), so {@code content} always holds the bytes to write, as
 * text.
 *
 * @param path the file's path inside the workspace, relative and confined like every agent path
 * @param content the file's content
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SeedFile(String path, String content) {}
