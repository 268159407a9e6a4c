package dev.gauntlet.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turn YAML files into JSON trees or bound objects, refusing anything unsafe or unclear with a
 * {@link Problem} that points into the file. Every YAML file Gauntlet reads (scenarios, network
 * policies) comes through here.
 *
 * <p>{@link #read(Path)} returns one {@link YamlDocument} per non-empty document ({@code ---}
 * separates documents), each a JSON tree with the position of every key and value. {@link
 * #readAll(Path, Class)} also binds each document to a type with Jackson, where an unknown key, a
 * value of the wrong type and a missing required property ({@code @JsonProperty(required = true)})
 * become problems.
 *
 * <p>Before parsing, the file must be at most {@link Limits#maxFileBytes()} long and valid UTF-8 (a
 * bad byte is reported with its byte offset). While parsing, nesting deeper than {@link
 * Limits#maxDepth()} and scalars longer than {@link Limits#maxScalarChars()} are refused, as are a
 * key repeated in one mapping, every YAML tag (so no tag can ask for a Java type) and every anchor
 * and alias (so nothing expands: a "billion laughs" file fails at its first anchor). All failures
 * are thrown as one {@link ScenarioException} carrying every problem found.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class YamlFrontDoor {

  /**
   * Bound what a file may cost to read.
   *
   * @param maxFileBytes the largest file accepted, checked before any byte is parsed
   * @param maxDepth the deepest nesting of mappings and lists
   * @param maxScalarChars the longest single scalar value
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public record Limits(int maxFileBytes, int maxDepth, int maxScalarChars) {

    /** The limits of {@link #standard()}: 1 MiB files, 64 levels, 1 Mi characters per scalar. */
    public static final Limits STANDARD = new Limits(1 << 20, 64, 1 << 20);
  }

  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
  private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

  private final Limits limits;
  private final YAMLFactory factory;
  private final ObjectMapper binder;

  private YamlFrontDoor(Limits limits) {
    this.limits = limits;
    LoaderOptions loaderOptions = new LoaderOptions();
    loaderOptions.setCodePointLimit(limits.maxFileBytes());
    // Jackson reads SnakeYAML's events and never composes nodes, so these two guard nothing today;
    // they are set so that no future composing reader runs with SnakeYAML's looser defaults. The
    // walk in this class enforces both itself.
    loaderOptions.setNestingDepthLimit(limits.maxDepth());
    loaderOptions.setMaxAliasesForCollections(0);
    this.factory =
        YAMLFactory.builder()
            .loaderOptions(loaderOptions)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxScalarChars())
                    .build())
            .build();
    this.binder = STRICT;
  }

  /** Binding is strict: no unknown keys, no text where a number is expected, no null primitive. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /**
   * Bind one part of a document that was already read, e.g. a scenario's {@code network} section,
   * with the same strictness and the same problems as {@link #readAll}, their key paths starting at
   * {@code at}.
   *
   * @throws ScenarioException carrying the problem, pointing into the document
   */
  public static <T> T bind(YamlDocument document, KeyPath at, JsonNode node, Class<T> type) {
    try {
      return STRICT.treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw new ScenarioException(bindingProblem(document, at, e));
    } catch (JsonProcessingException e) {
      throw new ScenarioException(
          document.problem(at, "section cannot be bound: " + e.getOriginalMessage()));
    }
  }

  /** Return a front door with {@link Limits#STANDARD}. */
  public static YamlFrontDoor standard() {
    return new YamlFrontDoor(Limits.STANDARD);
  }

  /**
   * Return a front door with other limits, e.g. smaller ones for files from an untrusted source.
   */
  public static YamlFrontDoor withLimits(Limits limits) {
    return new YamlFrontDoor(limits);
  }

  /** Return the limits this front door enforces. */
  public Limits limits() {
    return limits;
  }

  /**
   * Read every non-empty document of a YAML file. An empty file, or one holding only comments,
   * yields an empty list: whether that is a mistake is the caller's rule.
   *
   * @throws ScenarioException when the file cannot be read, is too large, is not UTF-8, is not
   *     valid YAML or breaks one of the rules of this class
   */
  public List<YamlDocument> read(Path file) {
    String text = decode(file, bytes(file));
    List<Problem> problems = new ArrayList<>();
    List<YamlDocument> documents = new ArrayList<>();
    Walk walk = new Walk(file, text, problems);
    try (YAMLParser parser = (YAMLParser) factory.createParser(text)) {
      walk.parser = parser;
      while (parser.nextToken() != null) {
        walk.values = new HashMap<>();
        walk.keys = new HashMap<>();
        JsonNode root = walk.value(KeyPath.ROOT);
        if (!root.isNull() && !(root.isTextual() && root.asText().isEmpty())) {
          documents.add(new YamlDocument(file, root, walk.values, walk.keys));
        }
      }
    } catch (StreamConstraintsException e) {
      problems.add(walk.limitProblem(e));
    } catch (JsonProcessingException e) {
      problems.add(walk.syntaxProblem(e));
    } catch (IOException e) {
      problems.add(wholeFile(file, "file cannot be read: " + e));
    }
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return documents;
  }

  /**
   * Read every non-empty document of a YAML file and bind each to {@code type}. Binding is strict:
   * no unknown keys, no text where a number is expected, no null for a primitive. Jackson stops at
   * the first mistake of a document, so each document contributes at most one problem.
   *
   * @throws ScenarioException carrying the problems of every document that failed
   */
  public <T> List<Located<T>> readAll(Path file, Class<T> type) {
    List<Located<T>> bound = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (YamlDocument document : read(file)) {
      try {
        bound.add(new Located<>(binder.treeToValue(document.root(), type), document));
      } catch (JsonMappingException e) {
        problems.add(bindingProblem(document, KeyPath.ROOT, e));
      } catch (JsonProcessingException e) {
        problems.add(
            document.problem(KeyPath.ROOT, "document cannot be bound: " + e.getOriginalMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return bound;
  }

  private byte[] bytes(Path file) {
    try {
      long size = Files.size(file);
      if (size > limits.maxFileBytes()) {
        throw new ScenarioException(
            wholeFile(
                file,
                String.format(
                    Locale.ROOT,
                    "file of %,d bytes refused: the limit is %,d bytes",
                    size,
                    limits.maxFileBytes())));
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ScenarioException(wholeFile(file, "file cannot be read: " + e));
    }
  }

  private static String decode(Path file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    if (result.isError()) {
      int offset = in.position();
      String before = out.toString();
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      int column = before.length() - before.lastIndexOf('\n');
      String message =
          String.format(
              Locale.ROOT,
              "byte 0x%02X at byte offset %d is not valid UTF-8; YAML files must be UTF-8",
              bytes[offset] & 0xFF,
              offset);
      throw new ScenarioException(new Problem(file, line, column, "", message));
    }
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Problem wholeFile(Path file, String message) {
    return new Problem(file, 0, 0, "", message);
  }

  private static Problem bindingProblem(YamlDocument document, KeyPath at, JsonMappingException e) {
    KeyPath path = at;
    for (JsonMappingException.Reference reference : e.getPath()) {
      String name = reference.getFieldName();
      path = name != null ? path.key(name) : path.index(reference.getIndex());
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> known = new ArrayList<>();
      for (Object id : unknown.getKnownPropertyIds()) {
        known.add(String.valueOf(id));
      }
      return document.keyProblem(path, Nearest.unknownKey(unknown.getPropertyName(), known));
    }
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Missing required creator property")) {
      Matcher name = QUOTED.matcher(original);
      String key = name.find() ? name.group(1) : "?";
      return document.problem(path, "missing required key '" + key + "'");
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String found = Describe.node(document.root().at(pointer(at, e)));
      return document.problem(
          path, "expected " + Describe.type(mismatch.getTargetType()) + " but found " + found);
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return document.problem(path, "value refused: " + cause.getMessage());
  }

  private static String pointer(KeyPath at, JsonMappingException e) {
    StringBuilder pointer = new StringBuilder(at.pointer());
    for (JsonMappingException.Reference reference : e.getPath()) {
      String name = reference.getFieldName();
      pointer
          .append('/')
          .append(
              name != null
                  ? name.replace("~", "~0").replace("/", "~1")
                  : String.valueOf(reference.getIndex()));
    }
    return pointer.toString();
  }

  /**
   * One pass over a parser's tokens, building trees and remembering where each part was written.
   */
  private final class Walk {

    private final Path file;
    private final String text;
    private final List<Problem> problems;
    private @Nullable YAMLParser parser;
    private Map<KeyPath, Origin> values = new HashMap<>();
    private Map<KeyPath, Origin> keys = new HashMap<>();
    private Origin last;

    /** Where the current token begins, counted in code points as SnakeYAML counts them. */
    private long lastCodePoint;

    /** A code point index and the index of the same place in {@link #text}, read forward. */
    private long cursorCodePoint;

    private int cursorChar;

    Walk(Path file, String text, List<Problem> problems) {
      this.file = file;
      this.text = text;
      this.problems = problems;
      this.last = new Origin(file, 1, 1);
    }

    JsonNode value(KeyPath path) throws IOException {
      YAMLParser p = requireParser();
      Origin at = here(p);
      values.put(path, at);
      refuseTagsAndAnchors(p, path, at);
      JsonToken token = p.currentToken();
      if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
        refuseScalarAnchor(path, at);
      }
      switch (token) {
        case START_OBJECT:
          return mapping(p, path);
        case START_ARRAY:
          ArrayNode list = JsonNodeFactory.instance.arrayNode();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(path.index(list.size())));
          }
          return list;
        case VALUE_STRING:
          return JsonNodeFactory.instance.textNode(p.getText());
        case VALUE_NUMBER_INT:
          return integer(p);
        case VALUE_NUMBER_FLOAT:
          return JsonNodeFactory.instance.numberNode(p.getDecimalValue());
        case VALUE_TRUE:
        case VALUE_FALSE:
          return JsonNodeFactory.instance.booleanNode(token == JsonToken.VALUE_TRUE);
        default:
          return JsonNodeFactory.instance.nullNode();
      }
    }

    private ObjectNode mapping(YAMLParser p, KeyPath path) throws IOException {
      ObjectNode mapping = JsonNodeFactory.instance.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        KeyPath child = path.key(key);
        Origin keyAt = here(p);
        refuseScalarAnchor(child, keyAt);
        p.nextToken();
        if (mapping.has(key)) {
          Origin first = keys.getOrDefault(child, keyAt);
          problems.add(
              new Problem(
                  file,
                  keyAt.line(),
                  keyAt.column(),
                  child.toString(),
                  "duplicate key '"
                      + Describe.shorten(key)
                      + "', first set on line "
                      + first.line()
                      + "; a key may appear once per mapping"));
          skip(p);
          continue;
        }
        keys.put(child, keyAt);
        mapping.set(key, value(child));
      }
      return mapping;
    }

    private JsonNode integer(YAMLParser p) throws IOException {
      switch (p.getNumberType()) {
        case INT:
          return JsonNodeFactory.instance.numberNode(p.getIntValue());
        case LONG:
          return JsonNodeFactory.instance.numberNode(p.getLongValue());
        default:
          return JsonNodeFactory.instance.numberNode(p.getBigIntegerValue());
      }
    }

    private void skip(YAMLParser p) throws IOException {
      Map<KeyPath, Origin> keptValues = values;
      Map<KeyPath, Origin> keptKeys = keys;
      values = new HashMap<>();
      keys = new HashMap<>();
      value(KeyPath.ROOT);
      values = keptValues;
      keys = keptKeys;
    }

    private void refuseTagsAndAnchors(YAMLParser p, KeyPath path, Origin at) throws IOException {
      if (p.isCurrentAlias()) {
        throw refusal(
            path,
            at,
            "alias '*"
                + p.getText()
                + "' refused: YAML anchors and aliases are not allowed (alias limit 0); write the"
                + " value out");
      }
      String anchor = p.getObjectId();
      if (anchor != null) {
        throw anchorRefusal(path, at, anchor);
      }
      String tag = p.getTypeId();
      if (tag != null) {
        String shown =
            tag.startsWith(CORE_TAG_PREFIX)
                ? "!!" + tag.substring(CORE_TAG_PREFIX.length())
                : "!" + tag;
        throw refusal(path, at, "tag '" + shown + "' refused: YAML tags are not allowed");
      }
    }

    /**
     * Refuse an anchor on a scalar or a key, which the parser does not report as it does one on a
     * mapping or a list: the node then begins at its {@code &}, which no scalar can begin with.
     */
    private void refuseScalarAnchor(KeyPath path, Origin at) {
      int start = charIndex(lastCodePoint);
      if (start < 0 || start >= text.length() || text.charAt(start) != '&') {
        return;
      }
      int end = start + 1;
      while (end < text.length()
          && !Character.isWhitespace(text.charAt(end))
          && ",[]{}".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      throw anchorRefusal(path, at, text.substring(start + 1, end));
    }

    private ScenarioException anchorRefusal(KeyPath path, Origin at, String anchor) {
      return refusal(
          path,
          at,
          "anchor '&"
              + Describe.shorten(anchor)
              + "' refused: YAML anchors and aliases are not allowed (alias limit 0); write the"
              + " value out");
    }

    /** Return the index in {@link #text} of a code point index, reading forward where it can. */
    private int charIndex(long codePoint) {
      if (codePoint < 0) {
        return -1;
      }
      if (codePoint < cursorCodePoint) {
        cursorCodePoint = 0;
        cursorChar = 0;
      }
      while (cursorCodePoint < codePoint && cursorChar < text.length()) {
        cursorChar += Character.charCount(text.codePointAt(cursorChar));
        cursorCodePoint++;
      }
      return cursorChar;
    }

    private ScenarioException refusal(KeyPath path, Origin at, String message) {
      problems.add(new Problem(file, at.line(), at.column(), path.toString(), message));
      return new ScenarioException(problems);
    }

    Problem limitProblem(StreamConstraintsException e) {
      String original = String.valueOf(e.getOriginalMessage());
      String message =
          original.contains("nesting depth")
              ? "nesting refused: mappings and lists may nest at most "
                  + limits.maxDepth()
                  + " levels deep"
              : original.contains("String value length")
                  ? "value refused: a scalar may hold at most "
                      + limits.maxScalarChars()
                      + " characters"
                  : "document refused: " + original;
      return new Problem(file, last.line(), last.column(), "", message);
    }

    Problem syntaxProblem(JsonProcessingException e) {
      if (e.getCause() instanceof ReaderException reader) {
        return unprintable(reader);
      }
      if (e.getCause() instanceof MarkedYAMLException marked) {
        Mark mark = marked.getProblemMark();
        String problem = String.valueOf(marked.getProblem());
        String message =
            problem.contains("\\t(TAB)")
                ? "invalid YAML: a tab is used for indentation, but YAML indents with spaces"
                    + " only"
                : "invalid YAML: "
                    + (marked.getContext() != null ? marked.getContext() + ", " : "")
                    + problem.replaceAll("\\.$", "");
        return mark != null
            ? new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, "", message)
            : new Problem(file, last.line(), last.column(), "", message);
      }
      JsonLocation location = e.getLocation();
      Origin at =
          location != null && location.getLineNr() > 0
              ? new Origin(file, location.getLineNr(), location.getColumnNr())
              : last;
      return new Problem(
          file, at.line(), at.column(), "", "invalid YAML: " + e.getOriginalMessage());
    }

    /** Name a character YAML does not allow, where it is and how to write it instead. */
    private Problem unprintable(ReaderException reader) {
      int at = Math.min(charIndex(reader.getPosition()), text.length());
      int lineStart = at;
      while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
        lineStart--;
      }
      int line = 1 + (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
      int column = 1 + text.codePointCount(lineStart, at);
      int codePoint = reader.getCodePoint();
      String escape =
          String.format(
              Locale.ROOT,
              codePoint <= 0xFF ? "\\x%02x" : codePoint <= 0xFFFF ? "\\u%04x" : "\\U%08x",
              codePoint);
      return new Problem(
          file,
          line,
          column,
          "",
          "invalid YAML: the character "
              + Describe.printable(new String(Character.toChars(codePoint)))
              + " is not allowed in a YAML file; inside double quotes, write it as "
              + escape);
    }

    private Origin here(JsonParser p) {
      JsonLocation location = p.currentTokenLocation();
      lastCodePoint = location.getCharOffset();
      last =
          new Origin(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
      return last;
    }

    private YAMLParser requireParser() {
      if (parser == null) {
        throw new IllegalStateException("walk started without a parser");
      }
      return parser;
    }
  }
}
