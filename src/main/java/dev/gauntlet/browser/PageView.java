package dev.gauntlet.browser;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.htmlunit.Page;
import org.htmlunit.SgmlPage;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlLabel;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlPasswordInput;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.jspecify.annotations.Nullable;

/**
 * Render a page as the compact text an agent reads: a header line with the title, URL and status,
 * the visible text, and the interactive elements with their references.
 *
 * <p>Sizes are capped so that a long browsing run does not flood a model's context: the visible
 * text at {@value #TEXT_LIMIT} characters, the list at {@value #ELEMENT_LIMIT} elements with labels
 * of at most {@value #LABEL_LIMIT} characters, and the whole view at {@value #VIEW_LIMIT}
 * characters. Every cut is marked where it happens. The {@code saveTo} argument of the tool writes
 * the whole page to the workspace.
 */
final class PageView {

  static final int TEXT_LIMIT = 1500;
  static final int ELEMENT_LIMIT = 30;
  static final int LABEL_LIMIT = 60;
  static final int VIEW_LIMIT = 5000;

  private PageView() {}

  /** Return the view of {@code page}, numbering its elements through {@code references}. */
  static String render(Page page, References references) {
    StringBuilder view = new StringBuilder();
    int status = page.getWebResponse().getStatusCode();
    if (page instanceof HtmlPage html) {
      view.append("Page: ")
          .append(cut(html.getTitleText(), 120))
          .append(" — ")
          .append(cut(html.getUrl().toExternalForm(), 200))
          .append(" (HTTP ")
          .append(status)
          .append(")\n");
      HtmlElement body = html.getBody();
      String visible = body == null ? "" : body.asNormalizedText();
      view.append("Text:\n").append(text(visible)).append('\n');
      elements(html, references, view);
    } else {
      view.append("Page: ")
          .append(cut(page.getUrl().toExternalForm(), 200))
          .append(" (HTTP ")
          .append(status)
          .append(", ")
          .append(page.getWebResponse().getContentType())
          .append(")\n");
      String content =
          page instanceof SgmlPage sgml
              ? sgml.asNormalizedText()
              : page.getWebResponse().getContentAsString();
      view.append("Text:\n").append(text(content == null ? "" : content)).append('\n');
    }
    if (view.length() <= VIEW_LIMIT) {
      return view.toString();
    }
    String marker = "\n[… view truncated at " + VIEW_LIMIT + " characters …]";
    return view.substring(0, VIEW_LIMIT - marker.length()) + marker;
  }

  private static String text(String text) {
    String trimmed = text.strip();
    if (trimmed.length() <= TEXT_LIMIT) {
      return trimmed;
    }
    return trimmed.substring(0, TEXT_LIMIT)
        + "\n[… text truncated: "
        + TEXT_LIMIT
        + " of "
        + trimmed.length()
        + " characters shown; saveTo writes the whole page …]";
  }

  private static void elements(HtmlPage page, References references, StringBuilder view) {
    List<HtmlElement> elements = References.interactive(page);
    view.append("Elements:");
    if (elements.isEmpty()) {
      view.append(" none\n");
      return;
    }
    view.append('\n');
    for (HtmlElement element : elements.subList(0, Math.min(elements.size(), ELEMENT_LIMIT))) {
      view.append(references.of(page, element)).append(' ').append(describe(element)).append('\n');
    }
    if (elements.size() > ELEMENT_LIMIT) {
      view.append("[… ")
          .append(elements.size() - ELEMENT_LIMIT)
          .append(" more elements not shown …]\n");
    }
  }

  /** Return one line for an element: its kind, its label, and its value or target. */
  static String describe(HtmlElement element) {
    if (element instanceof HtmlAnchor anchor) {
      return "link " + quote(label(anchor)) + " -> " + cut(anchor.getHrefAttribute(), LABEL_LIMIT);
    }
    if (element instanceof HtmlButton button) {
      return "button " + quote(label(button));
    }
    if (element instanceof HtmlForm form) {
      String action = form.getActionAttribute();
      return "form "
          + quote(form.getNameAttribute().isEmpty() ? form.getId() : form.getNameAttribute())
          + " ("
          + form.getMethodAttribute().toUpperCase(Locale.ROOT)
          + (action.isEmpty() ? "" : " " + cut(action, LABEL_LIMIT))
          + ")";
    }
    if (element instanceof HtmlSelect select) {
      String options =
          select.getOptions().stream()
              .limit(8)
              .map(option -> (option.isSelected() ? "*" : "") + option.getText())
              .collect(Collectors.joining(", "));
      return "select "
          + quote(label(select))
          + " options: "
          + cut(options, LABEL_LIMIT)
          + (select.getOptionSize() > 8 ? " …" : "");
    }
    if (element instanceof HtmlCheckBoxInput || element instanceof HtmlRadioButtonInput) {
      HtmlInput input = (HtmlInput) element;
      return input.getType()
          + " "
          + quote(label(input))
          + (input.isChecked() ? " checked" : " unchecked");
    }
    if (element instanceof HtmlInput input) {
      String type = input.getType();
      if (type.equals("submit") || type.equals("button") || type.equals("reset")) {
        return "button " + quote(input.getValue());
      }
      String value =
          element instanceof HtmlPasswordInput
              ? "•".repeat(input.getValue().length())
              : input.getValue();
      return "textbox " + quote(label(input)) + " value=" + quote(value);
    }
    if (element instanceof HtmlTextArea area) {
      return "textbox " + quote(label(area)) + " value=" + quote(area.getText());
    }
    return element.getTagName() + " " + quote(label(element));
  }

  private static String label(HtmlElement element) {
    boolean field =
        element instanceof HtmlInput
            || element instanceof HtmlSelect
            || element instanceof HtmlTextArea;
    String text = element.asNormalizedText().strip();
    if (!field && !text.isEmpty()) {
      return text;
    }
    HtmlPage page = element.getHtmlPageOrNull();
    String id = element.getId();
    if (field && page != null && !id.isEmpty()) {
      for (DomElement label : page.getElementsByTagName("label")) {
        if (label instanceof HtmlLabel htmlLabel && id.equals(htmlLabel.getForAttribute())) {
          return htmlLabel.asNormalizedText().strip();
        }
      }
    }
    for (String attribute : List.of("aria-label", "placeholder", "name", "title", "value")) {
      String value = element.getAttribute(attribute);
      if (!value.isEmpty()) {
        return value;
      }
    }
    return field ? "" : text;
  }

  private static String quote(String text) {
    return "\"" + cut(text.replace('\n', ' '), LABEL_LIMIT) + "\"";
  }

  private static String cut(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }

  /** Return the option of {@code select} whose value or visible text is {@code wanted}. */
  static @Nullable HtmlOption option(HtmlSelect select, String wanted) {
    for (HtmlOption option : select.getOptions()) {
      if (option.getValueAttribute().equals(wanted) || option.getText().strip().equals(wanted)) {
        return option;
      }
    }
    return null;
  }
}
