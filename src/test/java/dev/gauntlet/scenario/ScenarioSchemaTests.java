package dev.gauntlet.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.browser.BrowserTool;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped JSON Schema describes what the loader accepts, so editors complete and check the
 * same.
 */
class ScenarioSchemaTests {

  private JsonNode schema;

  @BeforeEach
  void readSchema() throws IOException {
    try (InputStream in = ScenarioLoader.class.getResourceAsStream("scenario.schema.json")) {
      assertThat(in).as("scenario.schema.json on the class path").isNotNull();
      schema = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void theSchemaIsDraft2020AndClosedAtTheTop() {
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void theSchemaListsTheTopLevelKeysTheLoaderAccepts() {
    List<String> keys = names(schema.get("properties"));

    assertThat(keys).containsExactlyInAnyOrderElementsOf(ScenarioReader.TOP_LEVEL_KEYS);
    assertThat(names(schema.get("required"))).containsExactlyInAnyOrder("id", "agent");
  }

  @Test
  void theSchemaIdPatternIsTheLoaderRule() {
    assertThat(schema.at("/properties/id/pattern").asText())
        .isEqualTo("^" + ScenarioReader.ID_RULE + "$");
  }

  @Test
  void theSchemaListsEveryToolOfTheToolTable() {
    List<String> keys = names(schema.at("/$defs/action/properties"));

    assertThat(keys).containsExactlyInAnyOrderElementsOf(withSaveAndRetry(Tools.names()));
  }

  @Test
  void theSchemaListsTheBrowserActionsTheToolTakes() {
    List<String> shortForm = names(schema.at("/$defs/action/properties/browser/oneOf/0/enum"));
    List<String> longForm =
        names(schema.at("/$defs/action/properties/browser/oneOf/1/properties/action/enum"));

    assertThat(shortForm).containsExactlyElementsOf(BrowserTool.actions());
    assertThat(longForm).containsExactlyElementsOf(BrowserTool.actions());
  }

  @Test
  void theSchemaTakesRecoveryAsSettingsOrAPolicyFile() {
    assertThat(schema.at("/properties/recovery/oneOf/0/type").asText()).isEqualTo("string");
    assertThat(names(schema.at("/properties/recovery/oneOf/1/properties")))
        .containsExactlyInAnyOrderElementsOf(RecoveryReader.RECOVERY_KEYS);
  }

  @Test
  void theSchemaDurationPatternTakesEveryFormTheLoaderReads() {
    Pattern duration = Pattern.compile(schema.at("/$defs/duration/pattern").asText());

    assertThat(List.of("500ms", "30s", "2m", "1h", "1m30s"))
        .allSatisfy(text -> assertThat(duration.matcher(text).matches()).as(text).isTrue());
    assertThat(List.of("30", "1.5s", "500us"))
        .allSatisfy(text -> assertThat(duration.matcher(text).matches()).as(text).isFalse());
  }

  private static List<String> withSaveAndRetry(java.util.Set<String> tools) {
    List<String> keys = new ArrayList<>(tools);
    keys.remove(Tools.FINISH);
    keys.add("save");
    keys.add("retry");
    return keys;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(element -> names.add(element.asText()));
    } else {
      node.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }
}
