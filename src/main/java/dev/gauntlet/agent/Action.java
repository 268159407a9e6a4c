package dev.gauntlet.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;

/**
 * Ask a tool to do one thing. Arguments are JSON, the form model-backed agents produce.
 *
 * @param tool the tool's name, e.g. {@code write}
 * @param arguments the tool's arguments, e.g. {@code {"path": "a.md", "content": "x"}}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Action(String tool, ObjectNode arguments) {}
