package dev.gauntlet.network;

import java.util.Set;

/**
 * Recognise names under which anyone can register a domain, so that a policy cannot allow all of
 * them with one wildcard. Every single-label name (a top-level domain) counts, plus a short
 * built-in list of common multi-label suffixes and shared hosting domains. Neither the JDK nor
 * ICU4J ships the Public Suffix List, and a policy is a test fixture, not a browser: the list errs
 * on the side of refusing.
 */
final class PublicSuffixes {

  private static final Set<String> MULTI_LABEL =
      Set.of(
          "co.uk",
          "org.uk",
          "ac.uk",
          "gov.uk",
          "me.uk",
          "net.uk",
          "ltd.uk",
          "plc.uk",
          "co.jp",
          "ne.jp",
          "or.jp",
          "ac.jp",
          "go.jp",
          "com.cn",
          "net.cn",
          "org.cn",
          "gov.cn",
          "com.au",
          "net.au",
          "org.au",
          "edu.au",
          "gov.au",
          "com.br",
          "net.br",
          "org.br",
          "gov.br",
          "co.in",
          "net.in",
          "org.in",
          "gov.in",
          "co.kr",
          "or.kr",
          "co.nz",
          "org.nz",
          "co.za",
          "org.za",
          "com.mx",
          "com.ar",
          "com.tw",
          "com.hk",
          "com.sg",
          "com.tr",
          "co.id",
          "co.il",
          "com.es",
          "com.pl",
          "com.ua",
          "com.ru",
          "co.th",
          "com.my",
          "com.ph",
          "com.vn",
          "github.io",
          "gitlab.io",
          "herokuapp.com",
          "appspot.com",
          "blogspot.com",
          "cloudfront.net",
          "amazonaws.com",
          "s3.amazonaws.com",
          "elasticbeanstalk.com",
          "azurewebsites.net",
          "cloudapp.net",
          "azureedge.net",
          "web.core.windows.net",
          "firebaseapp.com",
          "web.app",
          "vercel.app",
          "netlify.app",
          "pages.dev",
          "workers.dev",
          "fly.dev",
          "onrender.com",
          "ngrok.io",
          "ngrok-free.app",
          "repl.co",
          "glitch.me");

  private PublicSuffixes() {}

  /** Whether {@code ascii} is a public suffix: a top-level domain or a listed shared suffix. */
  static boolean isPublicSuffix(String ascii) {
    return ascii.indexOf('.') < 0 || MULTI_LABEL.contains(ascii);
  }
}
