package dev.gauntlet.agent.java;

import dev.gauntlet.agent.Agent;
import dev.gauntlet.agent.AgentException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Create a user's agent class by name. The class must be public, implement {@link Agent}, and have
 * a public constructor that takes either a {@code Map<String, Object>} (the scenario's {@code
 * config}, preferred when both exist) or nothing. A fresh instance is made for every run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JavaAgents {

  private JavaAgents() {}

  /**
   * Create an instance of the named class, loaded through {@code loader}.
   *
   * @param config the scenario's settings for the agent, passed to a constructor that takes a map;
   *     values made in code may be null and are passed on as they are
   * @throws AgentException when the class is missing, is not an agent, has no usable constructor,
   *     or its constructor throws
   */
  public static Agent create(String className, Map<String, Object> config, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new AgentException(
          "The agent class '"
              + className
              + "' is not on the class path; check agent.java.class, and that the class is"
              + " compiled with the tests or, from ./gauntlet run, on its --class-path.",
          e);
    }
    if (!Agent.class.isAssignableFrom(type)) {
      throw new AgentException(
          "The class '" + className + "' does not implement " + Agent.class.getName() + ".");
    }
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
      throw new AgentException(
          "The agent class '" + className + "' must be public and concrete to be created.");
    }
    Constructor<?> constructor = constructor(type);
    try {
      Object agent =
          constructor.getParameterCount() == 1
              ? constructor.newInstance(Collections.unmodifiableMap(new LinkedHashMap<>(config)))
              : constructor.newInstance();
      return (Agent) agent;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new AgentException(
          "The constructor of the agent class '" + className + "' threw " + cause + ".", cause);
    } catch (ReflectiveOperationException e) {
      throw new AgentException(
          "The agent class '" + className + "' could not be created: " + e + ".", e);
    }
  }

  private static Constructor<?> constructor(Class<?> type) {
    try {
      return type.getConstructor(Map.class);
    } catch (NoSuchMethodException e) {
      // Fall back to the no-argument constructor.
    }
    try {
      return type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new AgentException(
          "The agent class '"
              + type.getName()
              + "' has no public constructor taking a Map<String, Object> or nothing.",
          e);
    }
  }
}
