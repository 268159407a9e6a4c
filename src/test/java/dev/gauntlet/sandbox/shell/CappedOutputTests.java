package dev.gauntlet.sandbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedOutputTests {

  private static CappedOutput written(int limit, String... chunks) {
    CappedOutput output = new CappedOutput(limit);
    for (String chunk : chunks) {
      byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
      output.write(bytes, 0, bytes.length);
    }
    return output;
  }

  @Test
  void outputWithinTheLimitIsKeptWhole() {
    CappedOutput output = written(64, "hello ", "world");

    assertThat(output.text()).isEqualTo("hello world");
  }

  @Test
  void outputBeyondTheLimitKeepsHeadAndTailAndSaysHowMuchWasCut() {
    CappedOutput output = written(8, "abcd", "0123456789", "wxyz");

    assertThat(output.total()).isEqualTo(18);
    assertThat(output.text()).isEqualTo("abcd\n[… 10 bytes cut …]\nwxyz");
  }

  @Test
  void aCharacterSplitByTheCutIsCutWholeAndCounted() {
    CappedOutput output = written(8, "abcé", "-----", "éxyz");

    assertThat(output.text()).isEqualTo("abc\n[… 9 bytes cut …]\nxyz");
  }
}
