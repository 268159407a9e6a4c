package dev.gauntlet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolSchemasTests {

  @Test
  void describesExactlyTheToolsTheScenarioLoaderKnows() throws ReflectiveOperationException {
    // The loader's table is package-private to its package; read it reflectively until it is
    // public.
    Class<?> tools = Class.forName("dev.gauntlet.scenario.Tools");
    Method names = tools.getDeclaredMethod("names");
    names.setAccessible(true);

    @SuppressWarnings("unchecked")
    Set<String> loaderTools = (Set<String>) names.invoke(null);

    assertThat(ToolSchemas.names()).containsExactlyInAnyOrderElementsOf(loaderTools);
  }

  @Test
  void everyDefaultToolHasAnObjectSchemaThatRefusesUnknownArguments() {
    for (ToolSchemas.Schema schema : ToolSchemas.of(ModelSettings.DEFAULT_TOOLS)) {
      assertThat(schema.parameters().path("type").asText()).as(schema.name()).isEqualTo("object");
      assertThat(schema.parameters().path("additionalProperties").asBoolean(true))
          .as(schema.name())
          .isFalse();
      assertThat(schema.description()).as(schema.name()).isNotBlank();
    }
  }
}
