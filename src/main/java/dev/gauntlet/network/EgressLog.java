package dev.gauntlet.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Write and read {@code egress.jsonl}: one {@link EgressRecord} per line, flushed as it is written
 * so that a run stopped half-way still leaves every request it made on record.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EgressLog implements AutoCloseable {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final BufferedWriter writer;
  private final List<EgressRecord> records = new ArrayList<>();

  EgressLog(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.writer =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the egress log " + file, e);
    }
  }

  /** Read every record of an egress log. */
  public static List<EgressRecord> read(Path file) throws IOException {
    List<EgressRecord> records = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        records.add(JSON.readValue(line, EgressRecord.class));
      }
    }
    return records;
  }

  synchronized void append(EgressRecord record) {
    records.add(record);
    try {
      writer.write(JSON.writeValueAsString(record));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the egress log " + file, e);
    }
  }

  synchronized List<EgressRecord> records() {
    return List.copyOf(records);
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the egress log " + file, e);
    }
  }
}
