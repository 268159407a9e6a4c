package dev.gauntlet.browser;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlHiddenInput;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.jspecify.annotations.Nullable;

/**
 * Hand out references such as {@code e12} for the interactive elements of the pages a run visits,
 * and find the element a reference names again.
 *
 * <p>A reference stands for a place, not a position on screen: the page's path (without its query)
 * and the element's {@code id}, or its canonical XPath when it has none. So the same element keeps
 * its reference across observations, the "Next" link of {@code /items?page=2} is the one of {@code
 * /items?page=3}, and a reference from another page is refused rather than guessed at. Numbers are
 * given in the order elements are first seen and never reused within a run.
 */
final class References {

  private static final Set<String> ROLES =
      Set.of("button", "link", "checkbox", "radio", "tab", "menuitem", "option", "switch");

  private final Map<String, String> byKey = new HashMap<>();
  private final Map<String, String> keys = new HashMap<>();

  /** Return the reference of {@code element} on {@code page}, giving it one if it has none. */
  String of(HtmlPage page, DomElement element) {
    String key = key(page, element);
    String reference = byKey.get(key);
    if (reference == null) {
      reference = "e" + (byKey.size() + 1);
      byKey.put(key, reference);
      keys.put(reference, key);
    }
    return reference;
  }

  /**
   * Return the element {@code reference} names on {@code page}, or null when it names nothing
   * there: never handed out, from another page, or gone from this one.
   */
  @Nullable HtmlElement find(HtmlPage page, String reference) {
    String key = keys.get(reference);
    if (key == null) {
      return null;
    }
    String prefix = path(page.getUrl()) + " ";
    if (!key.startsWith(prefix)) {
      return null;
    }
    String locator = key.substring(prefix.length());
    Object found =
        locator.startsWith("#")
            ? page.getElementById(locator.substring(1))
            : page.getFirstByXPath(locator);
    return found instanceof HtmlElement element ? element : null;
  }

  /** Return whether {@code reference} was ever handed out in this run. */
  boolean known(String reference) {
    return keys.containsKey(reference);
  }

  /** Return the interactive elements of {@code page} that are displayed, in document order. */
  static List<HtmlElement> interactive(HtmlPage page) {
    HtmlElement body = page.getBody();
    if (body == null) {
      return List.of();
    }
    List<HtmlElement> found = new ArrayList<>();
    for (HtmlElement element : body.getHtmlElementDescendants()) {
      if (isInteractive(element) && (element instanceof HtmlForm || element.isDisplayed())) {
        found.add(element);
      }
    }
    return found;
  }

  static boolean isInteractive(HtmlElement element) {
    if (element instanceof HtmlHiddenInput) {
      return false;
    }
    if (element instanceof HtmlAnchor anchor) {
      return anchor.hasAttribute("href") || anchor.hasAttribute("onclick");
    }
    return element instanceof HtmlButton
        || element instanceof HtmlInput
        || element instanceof HtmlSelect
        || element instanceof HtmlTextArea
        || element instanceof HtmlForm
        || element.hasAttribute("onclick")
        || ROLES.contains(element.getAttribute("role").toLowerCase(Locale.ROOT));
  }

  private static String key(HtmlPage page, DomElement element) {
    String id = element.getId();
    String locator =
        !id.isEmpty() && id.matches("[A-Za-z][\\w.:-]*") ? "#" + id : element.getCanonicalXPath();
    return path(page.getUrl()) + " " + locator;
  }

  private static String path(URL url) {
    return url.getProtocol() + "://" + url.getAuthority() + url.getPath();
  }
}
