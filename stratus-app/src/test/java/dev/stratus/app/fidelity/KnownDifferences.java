package dev.stratus.app.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one reviewed table of differences from AWS's examples that are there for a reason
 * ({@code docs/aws-example-differences.md}): each row names the example ({@code ec2
 * describe-availability-zones #1}, {@code #*} for all of the command's), the key path ({@code *}
 * for the whole call), the difference (missing, type, value, error, broken, fixture, extra; with a {@code ?}
 * when it depends on timing and may not show), the reason
 * and the API reference page that shows AWS's behaviour.
 */
final class KnownDifferences {
  static final Path FILE = Path.of("../docs/aws-example-differences.md");

  record Row(String example, String path, String kind, String reason, String reference) {
    boolean matches(String exampleName, String diffPath, String diffKind) {
      boolean exampleOk = example.equals(exampleName)
          || example.endsWith("#*") && exampleName.startsWith(example.substring(0, example.length() - 1));
      return exampleOk && (path.equals("*") || path.equals(diffPath)) && (kind.equals(diffKind) || kind.equals(diffKind + "?"));
    }

    /** A difference that depends on timing ({@code extra?}): the row may go unused. */
    boolean optional() { return kind.endsWith("?"); }
  }

  final List<Row> rows = new ArrayList<>();
  final Set<Row> used = new LinkedHashSet<>();

  KnownDifferences() throws IOException {
    boolean header = true;
    for (String line : Files.readAllLines(FILE)) {
      if (!line.startsWith("|")) continue;
      String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
      if (cells.length < 5 || cells[0].isBlank() || cells[0].trim().startsWith("---")) continue;
      if (header) {
        header = false;
        continue;
      }
      Row row = new Row(unquote(cells[0]), unquote(cells[1]), unquote(cells[2]), cells[3].trim(), cells[4].trim());
      if (row.reason().isEmpty() || !row.reference().startsWith("https://")) {
        throw new IllegalStateException("a row needs a reason and an API reference page: " + line);
      }
      rows.add(row);
    }
  }

  private static String unquote(String cell) { return cell.trim().replace("`", ""); }

  /** Whether a row explains this difference (and marks it used). */
  synchronized boolean explains(String exampleName, String path, String kind) {
    for (Row r : rows) {
      if (r.matches(exampleName, path, kind)) {
        used.add(r);
        return true;
      }
    }
    return false;
  }

  synchronized List<Row> unused() { return rows.stream().filter(r -> !used.contains(r) && !r.optional()).toList(); }
}
