package dev.gauntlet.cli;

import java.io.PrintWriter;
import java.util.List;

/** Print rows as left-aligned columns, two spaces in; the first row is the heading. */
final class Table {

  private Table() {}

  static void print(PrintWriter out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < row.length; i++) {
        line.append(' ').append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 1));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
