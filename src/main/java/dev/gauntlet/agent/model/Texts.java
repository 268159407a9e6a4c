package dev.gauntlet.agent.model;

/** Shorten what a server sent so a message can quote it. */
final class Texts {

  static final int QUOTED = 200;

  private Texts() {}

  /** Return the text in double quotes, cut to its first 200 characters with a marker. */
  static String quote(String text) {
    String shown = text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
    return '"' + shown.replace("\n", "\\n") + '"';
  }
}
