package dev.gauntlet.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.agent.Action;
import dev.gauntlet.network.Exchange;
import dev.gauntlet.network.NetworkScope;
import dev.gauntlet.sandbox.Effect;
import dev.gauntlet.sandbox.Resolution;
import dev.gauntlet.sandbox.Tool;
import dev.gauntlet.sandbox.ToolResult;
import dev.gauntlet.sandbox.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlSubmitInput;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.html.HtmlTextInput;
import org.jspecify.annotations.Nullable;

/**
 * Let an agent browse the scenario's mocked sites with a headless browser (HtmlUnit, JavaScript on,
 * CSS off) whose every request goes through the egress gateway of a {@link NetworkScope}.
 *
 * <p>Arguments: {@code action}, one of {@code open} (with {@code url}), {@code click} (with {@code
 * ref}), {@code type} (with {@code ref} and {@code text}, replacing the field's value), {@code
 * select} (with {@code ref} and {@code option}, an option's value or visible text), {@code submit}
 * (with {@code ref}, a form or a field of one), {@code back} and {@code read}; and, with any of
 * them, {@code saveTo}, a workspace path the page's whole HTML is written to. References such as
 * {@code e12} come from the observation (see {@link PageView} for its size) and stay the same for
 * the same element.
 *
 * <p>The verify stage lets the page's background JavaScript and requests settle for at most {@link
 * #SETTLE} (or the bound given at construction), then compares URL, DOM and focused element with
 * those before the action. An action meant to change the page that changed none of them and sent no
 * request that could change a server is {@code no_effect}, known within that bound. {@code read} is
 * {@code read_only}; {@code open} is {@code read_only} when it found the page as it was.
 *
 * <p>One browser serves a whole run and is closed with it. A saved page outside the workspace is
 * refused, but, as with every network tool, a refusal does not end the run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BrowserTool implements Tool, AutoCloseable {

  /** The tool's name. */
  public static final String NAME = "browser";

  /** How long the verify stage waits at most for the page to settle after an action. */
  public static final Duration SETTLE = Duration.ofMillis(500);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long one script of a page may run. HtmlUnit runs scripts on the calling thread, where no
   * deadline or stop can reach them, so a page's endless loop would hang the run without it.
   */
  public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(5);

  static final String DENIED_HEADER = "X-Gauntlet-Denied";

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final NetworkScope scope;
  private final Duration settle;
  private final Duration scriptTimeout;
  private final References references = new References();
  private @Nullable WebClient client;
  private @Nullable GatewayConnection connection;

  /** Create the browser of one run, letting pages settle for at most {@link #SETTLE}. */
  public BrowserTool(NetworkScope scope) {
    this(scope, SETTLE);
  }

  /** Create the browser of one run, letting pages settle for at most {@code settle}. */
  public BrowserTool(NetworkScope scope, Duration settle) {
    this(scope, settle, SCRIPT_TIMEOUT);
  }

  BrowserTool(NetworkScope scope, Duration settle, Duration scriptTimeout) {
    if (settle.isNegative() || settle.isZero()) {
      throw new IllegalArgumentException("the settle bound must be positive, not " + settle);
    }
    this.scope = scope;
    this.settle = settle;
    this.scriptTimeout = scriptTimeout;
  }

  /** Return every action the tool takes, e.g. {@code open} and {@code click}. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public static List<String> actions() {
    return Arrays.stream(Kind.values()).map(Kind::key).toList();
  }

  /**
   * Return the arguments an action needs besides {@code action}, e.g. {@code ref} and {@code text}
   * for {@code type}, or null when the tool has no such action.
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public static @Nullable List<String> argumentsNeeded(String action) {
    Kind kind = Kind.of(action);
    return kind == null ? null : kind.needs;
  }

  /** Return the longest the verify stage waits for a page to settle. */
  public Duration settle() {
    return settle;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** A denied page is an answer the agent is meant to handle, as the {@code http} tool's is. */
  @Override
  public boolean refusalEndsRun() {
    return false;
  }

  @Override
  public Execution execute(Action action, Workspace workspace) {
    return execute(action, workspace, Context.detached());
  }

  /** Act on the page under the step's number, each request bounded by the act stage's deadline. */
  @Override
  public synchronized Execution execute(Action action, Workspace workspace, Context context) {
    scope.enterStep(context.step());
    WebClient browser = browser();
    GatewayConnection gateway = requireConnection();
    gateway.timeout(context.bounded(REQUEST_TIMEOUT));
    // Requests that page scripts made between steps are in the egress log; they are not this one's.
    gateway.drain();

    ObjectNode arguments = action.arguments();
    String name = text(arguments, "action");
    Kind kind = name == null ? null : Kind.of(name);
    if (kind == null) {
      return failed(
          ToolResult.error(
              "bad_arguments",
              "browser needs an 'action': one of "
                  + Arrays.stream(Kind.values()).map(Kind::key).collect(Collectors.joining(", "))
                  + (name == null ? "" : "; '" + name + "' is none of them")));
    }
    PageState before = PageState.of(page(browser));
    String target = target(browser, text(arguments, "ref"));
    String done;
    try {
      done = perform(kind, arguments, browser);
    } catch (Problem problem) {
      return failed(ToolResult.error(problem.reason, problem.message));
    } catch (GatewayConnection.GatewayException e) {
      String error = String.valueOf(e.exchange().error());
      return failed(
          ToolResult.error(error, e.message())
              .with("url", e.exchange().url())
              .with("error", error));
    } catch (IOException e) {
      return failed(ToolResult.error("io", "The browser could not load the page: " + e));
    } catch (RuntimeException e) {
      // HtmlUnit reports a broken page or script by throwing; the agent sees it as this action's.
      return failed(ToolResult.error("browser_error", "The page failed: " + e));
    }
    return new Browsed(
        kind, done, before, target, text(arguments, "saveTo"), workspace, browser, gateway);
  }

  /** Return the canonical XPath of the element {@code reference} names, or empty. */
  private String target(WebClient browser, @Nullable String reference) {
    Page page = page(browser);
    if (reference == null || !(page instanceof HtmlPage html)) {
      return "";
    }
    HtmlElement element = references.find(html, reference);
    return element == null ? "" : element.getCanonicalXPath();
  }

  private String perform(Kind kind, ObjectNode arguments, WebClient browser) throws IOException {
    switch (kind) {
      case OPEN -> {
        String url = required(arguments, "url");
        browser.getPage(url);
        return "opened " + url;
      }
      case BACK -> {
        if (browser.getCurrentWindow().getHistory().getIndex() <= 0) {
          throw new Problem("no_history", "There is no earlier page to go back to.");
        }
        browser.getCurrentWindow().getHistory().back();
        return "went back";
      }
      case READ -> {
        currentPage(browser);
        return "read the page";
      }
      default -> {
        return performOnElement(kind, arguments, browser);
      }
    }
  }

  private String performOnElement(Kind kind, ObjectNode arguments, WebClient browser)
      throws IOException {
    String reference = required(arguments, "ref");
    HtmlPage page = htmlPage(browser);
    HtmlElement element = references.find(page, reference);
    if (element == null) {
      throw new Problem(
          "unknown_reference",
          references.known(reference)
              ? "The element "
                  + reference
                  + " is not on the current page ("
                  + page.getUrl()
                  + "); read the page for its references."
              : "There is no element " + reference + "; the observation lists the references.");
    }
    switch (kind) {
      case CLICK -> {
        element.click();
        return "clicked " + reference;
      }
      case TYPE -> {
        String text = required(arguments, "text");
        if (element instanceof HtmlTextArea area) {
          area.focus();
          area.setText("");
          area.type(text);
        } else if (element instanceof HtmlInput input && typeable(input)) {
          input.focus();
          input.setValue("");
          input.type(text);
        } else {
          throw new Problem(
              "not_typeable", "The element " + reference + " is not a text field one can type in.");
        }
        return "typed " + text.length() + " characters into " + reference;
      }
      case SELECT -> {
        String wanted = required(arguments, "option");
        if (!(element instanceof HtmlSelect select)) {
          throw new Problem("not_selectable", "The element " + reference + " is not a select.");
        }
        HtmlOption option = PageView.option(select, wanted);
        if (option == null) {
          throw new Problem(
              "no_option",
              "The select "
                  + reference
                  + " has no option '"
                  + wanted
                  + "'; its options are "
                  + select.getOptions().stream()
                      .map(o -> "'" + o.getText().strip() + "'")
                      .collect(Collectors.joining(", "))
                  + ".");
        }
        select.setSelectedAttribute(option, true);
        return "selected '" + option.getText().strip() + "' in " + reference;
      }
      case SUBMIT -> {
        HtmlForm form = element instanceof HtmlForm own ? own : element.getEnclosingForm();
        if (form == null) {
          throw new Problem(
              "no_form", "The element " + reference + " is neither a form nor inside one.");
        }
        submit(form);
        return "submitted the form of " + reference;
      }
      default -> throw new IllegalStateException("not an element action: " + kind);
    }
  }

  /** Submit as a person would: through the form's first submit button, firing its handlers. */
  private static void submit(HtmlForm form) throws IOException {
    for (HtmlElement element : form.getHtmlElementDescendants()) {
      boolean button =
          element instanceof HtmlSubmitInput
              || (element instanceof HtmlButton b
                  && b.getTypeAttribute().toLowerCase(Locale.ROOT).matches("|submit"));
      if (button) {
        element.click();
        return;
      }
    }
    form.submit(null);
  }

  private static boolean typeable(HtmlInput input) {
    return input instanceof HtmlTextInput
        || Set.of("text", "email", "password", "search", "tel", "url", "number", "")
            .contains(input.getType().toLowerCase(Locale.ROOT));
  }

  /** The browser's work on one action, verified once the page has settled. */
  private final class Browsed implements Execution {

    private final Kind kind;
    private final String done;
    private final PageState before;
    private final String target;
    private final @Nullable String saveTo;
    private final Workspace workspace;
    private final WebClient browser;
    private final GatewayConnection gateway;
    private @Nullable ToolResult result;
    private Effect effect = Effect.NONE;

    Browsed(
        Kind kind,
        String done,
        PageState before,
        String target,
        @Nullable String saveTo,
        Workspace workspace,
        WebClient browser,
        GatewayConnection gateway) {
      this.kind = kind;
      this.done = done;
      this.before = before;
      this.target = target;
      this.saveTo = saveTo;
      this.workspace = workspace;
      this.browser = browser;
      this.gateway = gateway;
    }

    @Override
    public synchronized Effect verify() {
      if (result == null) {
        settleAndCompare();
      }
      return effect;
    }

    @Override
    public synchronized ToolResult result() {
      ToolResult compared = result;
      if (compared == null) {
        settleAndCompare();
        compared = result;
      }
      return Objects.requireNonNull(compared);
    }

    private void settleAndCompare() {
      int pending = browser.waitForBackgroundJavaScript(settle.toMillis());
      Page page = page(browser);
      PageState after = PageState.of(page);
      List<String> changes = new ArrayList<>(before.changes(after));
      // Clicking a control focuses it in every browser; that alone is not an effect of the click.
      if (kind == Kind.CLICK && !target.isEmpty() && target.equals(after.focus())) {
        changes.remove("focus");
      }
      List<GatewayConnection.Sent> sent = gateway.drain();
      boolean wrote =
          sent.stream().anyMatch(s -> s.exchange().answered() && !SAFE.contains(s.method()));

      effect =
          kind == Kind.READ
              ? Effect.READ_ONLY
              : !changes.isEmpty() || wrote
                  ? Effect.CHANGED
                  : kind == Kind.OPEN ? Effect.READ_ONLY : Effect.NO_EFFECT;

      StringBuilder output = new StringBuilder(headline(changes, pending, !sent.isEmpty()));
      int denied = listFailedRequests(sent, output);
      output.append(page == null ? "No page is open.\n" : PageView.render(page, references));

      ToolResult.Status status = ToolResult.Status.OK;
      String reason = null;
      String pageDenial =
          page == null ? null : page.getWebResponse().getResponseHeaderValue(DENIED_HEADER);
      if (pageDenial != null && (kind == Kind.OPEN || !changes.isEmpty())) {
        status = ToolResult.Status.REFUSED;
        reason = pageDenial;
      }
      ToolResult outcome =
          new ToolResult(status, output.toString(), reason, JsonNodeFactory.instance.objectNode())
              .with("settleMillis", settle.toMillis())
              .with("pending", pending)
              .with("requests", sent.size())
              .with("denied", denied)
              .with("changed", String.join(",", changes));
      if (page != null) {
        outcome =
            outcome
                .with("url", page.getUrl().toExternalForm())
                .with("status", page.getWebResponse().getStatusCode());
        if (page instanceof HtmlPage html) {
          outcome = outcome.with("title", html.getTitleText());
        }
      }
      if (saveTo != null) {
        outcome = save(outcome, page);
      }
      result = outcome;
    }

    /** Return the first line: what was done, and what changed or that nothing did. */
    private String headline(List<String> changes, int pending, boolean sentAny) {
      StringBuilder line = new StringBuilder(done);
      if (effect == Effect.NO_EFFECT) {
        line.append(": nothing changed within ")
            .append(settle.toMillis())
            .append(" ms (same URL, page and focus")
            .append(sentAny ? "; only reads were sent" : "")
            .append(')');
      } else if (!changes.isEmpty() && kind != Kind.READ) {
        line.append(" (changed: ").append(String.join(", ", changes)).append(')');
      }
      if (pending > 0) {
        line.append("; ")
            .append(pending)
            .append(" background job(s) still running after ")
            .append(settle.toMillis())
            .append(" ms");
      }
      return line.append('\n').toString();
    }

    /**
     * Add a line for each request the gateway denied or no response came to, which a page would
     * otherwise hide; return how many were denied.
     */
    private static int listFailedRequests(List<GatewayConnection.Sent> sent, StringBuilder into) {
      int denied = 0;
      for (GatewayConnection.Sent request : sent) {
        Exchange exchange = request.exchange();
        if (!exchange.verdict().allowed()) {
          denied++;
          into.append("[denied by the egress gateway (").append(exchange.verdict().code());
        } else if (exchange.error() != null) {
          into.append("[no response (").append(exchange.error());
        } else {
          continue;
        }
        into.append("): ").append(request.method()).append(' ').append(request.url()).append("]\n");
      }
      return denied;
    }

    private ToolResult save(ToolResult outcome, @Nullable Page page) {
      String path = Objects.requireNonNull(saveTo);
      if (page == null) {
        return ToolResult.error("no_page", "There is no page to save; open one first.");
      }
      Resolution resolution = workspace.resolve(path);
      if (resolution instanceof Resolution.Refused refused) {
        return refused.toResult();
      }
      Path target = ((Resolution.Inside) resolution).target();
      String html =
          page instanceof HtmlPage htmlPage
              ? htmlPage.asXml()
              : page.getWebResponse().getContentAsString();
      byte[] content = (html == null ? "" : html).getBytes(StandardCharsets.UTF_8);
      try {
        boolean same =
            Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content);
        if (!same) {
          Path parent = target.getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          Files.write(target, content);
          if (effect != Effect.CHANGED) {
            effect = Effect.CHANGED;
          }
        }
      } catch (IOException e) {
        return ToolResult.error("io", "The page could not be saved to '" + path + "': " + e);
      }
      return new ToolResult(
              outcome.status(),
              outcome.output()
                  + "[saved the page's "
                  + content.length
                  + " bytes to "
                  + path
                  + "]\n",
              outcome.reason(),
              outcome.data())
          .with("savedTo", path);
    }
  }

  private synchronized WebClient browser() {
    WebClient existing = client;
    if (existing != null) {
      return existing;
    }
    GatewayConnection gateway = new GatewayConnection(scope, REQUEST_TIMEOUT);
    WebClient created = new GatedWebClient(gateway);
    created.getOptions().setJavaScriptEnabled(true);
    created.setJavaScriptTimeout(scriptTimeout.toMillis());
    created.getOptions().setCssEnabled(false);
    created.getOptions().setRedirectEnabled(false);
    created.getOptions().setThrowExceptionOnFailingStatusCode(false);
    created.getOptions().setThrowExceptionOnScriptError(false);
    created.getOptions().setPrintContentOnFailingStatusCode(false);
    created.getOptions().setDownloadImages(false);
    created.getOptions().setWebSocketEnabled(false);
    created.getOptions().setFetchPolyfillEnabled(true);
    created.getOptions().setHistoryPageCacheLimit(0);
    created.setWebConnection(gateway);
    connection = gateway;
    client = created;
    return created;
  }

  private GatewayConnection requireConnection() {
    GatewayConnection gateway = connection;
    if (gateway == null) {
      throw new IllegalStateException("the browser has not been started");
    }
    return gateway;
  }

  private static @Nullable Page page(WebClient browser) {
    return browser.getCurrentWindow().getEnclosedPage();
  }

  private static Page currentPage(WebClient browser) {
    Page page = page(browser);
    if (page == null || page.getUrl().toExternalForm().equals("about:blank")) {
      throw new Problem("no_page", "No page is open; open one first.");
    }
    return page;
  }

  private static HtmlPage htmlPage(WebClient browser) {
    Page page = currentPage(browser);
    if (!(page instanceof HtmlPage html)) {
      throw new Problem(
          "not_html",
          "The page "
              + page.getUrl()
              + " is "
              + page.getWebResponse().getContentType()
              + ", not HTML; it has no elements.");
    }
    return html;
  }

  private static String required(ObjectNode arguments, String name) {
    String value = text(arguments, name);
    if (value == null) {
      throw new Problem("bad_arguments", "This browser action needs a '" + name + "' string.");
    }
    return value;
  }

  private static @Nullable String text(ObjectNode arguments, String name) {
    JsonNode node = arguments.get(name);
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static Execution failed(ToolResult result) {
    return new Execution() {
      @Override
      public ToolResult result() {
        return result;
      }

      @Override
      public Effect verify() {
        return Effect.NONE;
      }
    };
  }

  /** Close the browser: its windows, its scripts' threads. */
  @Override
  public synchronized void close() {
    WebClient existing = client;
    client = null;
    if (existing != null) {
      existing.close();
    }
  }

  /** What the browser is asked to do. */
  enum Kind {
    OPEN("url"),
    CLICK("ref"),
    TYPE("ref", "text"),
    SELECT("ref", "option"),
    SUBMIT("ref"),
    BACK,
    READ;

    /** The arguments the action needs besides {@code action}. */
    final List<String> needs;

    Kind(String... needs) {
      this.needs = List.of(needs);
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static @Nullable Kind of(String key) {
      for (Kind kind : values()) {
        if (kind.key().equals(key)) {
          return kind;
        }
      }
      return null;
    }
  }

  /** An action the browser cannot do as asked; the agent reads the message. */
  private static final class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String reason;
    final String message;

    Problem(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
      this.message = message;
    }
  }

  /**
   * Keep every URL the browser would load on its own (file and other schemes it reads without a
   * connection) on the gateway, which refuses them and logs the refusal; only {@code about:} and
   * {@code data:}, which never leave the process, stay with HtmlUnit.
   */
  private static final class GatedWebClient extends WebClient {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // A browser of one run is never serialized.
    private final GatewayConnection gateway;

    GatedWebClient(GatewayConnection gateway) {
      super(BrowserVersion.BEST_SUPPORTED);
      this.gateway = gateway;
    }

    @Override
    public WebResponse loadWebResponse(WebRequest request) throws IOException {
      String scheme = request.getUrl().getProtocol().toLowerCase(Locale.ROOT);
      if (Set.of("http", "https", "about", "data").contains(scheme)) {
        return super.loadWebResponse(request);
      }
      return gateway.getResponse(request);
    }
  }
}
