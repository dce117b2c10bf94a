package io.mouthpiece.app.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table, columns padded to their widest cell: what the evaluation prints. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  void row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = cells[i] instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : String.valueOf(cells[i]);
    }
    rows.add(r);
  }

  void print(PrintStream out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length && i < columns; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (int k = 0; k < rows.size(); k++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < rows.get(k).length && i < columns; i++) {
        String cell = rows.get(k)[i];
        line.append(i == 0 ? String.format("%-" + width[i] + "s", cell) : String.format("  %" + width[i] + "s", cell));
      }
      out.println(line.toString().stripTrailing());
      if (k == 0) {
        out.println("-".repeat(line.length()));
      }
    }
  }
}
