package dev.gauntlet.browser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.jspecify.annotations.Nullable;

/**
 * Capture what an action on a page can change, so that the verify stage can compare before and
 * after: the URL, a hash of the DOM together with the current values of its fields (typing changes
 * a field's value, not its markup), and the focused element.
 *
 * @param url the page's URL, or empty when no page is open
 * @param dom a SHA-256 of the serialized DOM and the field values
 * @param focus the canonical XPath of the focused element, or empty
 */
record PageState(String url, String dom, String focus) {

  static final PageState NONE = new PageState("", "", "");

  static PageState of(@Nullable Page page) {
    if (page == null) {
      return NONE;
    }
    if (!(page instanceof HtmlPage html)) {
      return new PageState(
          page.getUrl().toExternalForm(), hash(page.getWebResponse().getContentAsString()), "");
    }
    StringBuilder content = new StringBuilder(html.asXml());
    HtmlElement body = html.getBody();
    if (body != null) {
      for (HtmlElement element : body.getHtmlElementDescendants()) {
        String value = value(element);
        if (value != null) {
          content.append('\0').append(element.getCanonicalXPath()).append('=').append(value);
        }
      }
    }
    DomElement focused = html.getFocusedElement();
    return new PageState(
        html.getUrl().toExternalForm(),
        hash(content.toString()),
        focused == null ? "" : focused.getCanonicalXPath());
  }

  /** Return what differs from {@code after}: {@code url}, {@code dom}, {@code focus}, in order. */
  List<String> changes(PageState after) {
    List<String> changes = new ArrayList<>();
    if (!url.equals(after.url)) {
      changes.add("url");
    }
    if (!dom.equals(after.dom)) {
      changes.add("dom");
    }
    if (!focus.equals(after.focus)) {
      changes.add("focus");
    }
    return changes;
  }

  private static @Nullable String value(HtmlElement element) {
    if (element instanceof HtmlInput input) {
      return input.getValue() + (input.isChecked() ? "\0checked" : "");
    }
    if (element instanceof HtmlTextArea area) {
      return area.getText();
    }
    if (element instanceof HtmlOption option) {
      return option.isSelected() ? "selected" : null;
    }
    return null;
  }

  private static String hash(@Nullable String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] bytes = digest.digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
