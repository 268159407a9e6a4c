package dev.gauntlet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.scenario.Tools;
import org.junit.jupiter.api.Test;

class ToolSchemasTests {

  @Test
  void describesExactlyTheToolsTheScenarioLoaderKnows() {
    assertThat(ToolSchemas.names()).containsExactlyInAnyOrderElementsOf(Tools.names());
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
