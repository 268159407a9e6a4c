package dev.gauntlet.agent.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Split a server-sent event stream into its events: {@code event:} names the event, {@code data:}
 * lines are joined with newlines, a blank line ends the event, and comment lines are skipped.
 */
final class ServerSentEvents {

  /** One event; {@code name} is empty when the stream gave none. */
  record Event(String name, String data) {}

  private ServerSentEvents() {}

  static List<Event> parse(String stream) {
    List<Event> events = new ArrayList<>();
    String name = "";
    StringBuilder data = null;
    for (String line : stream.split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name, data.toString()));
        }
        name = "";
        data = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    if (data != null) {
      events.add(new Event(name, data.toString()));
    }
    return events;
  }
}
