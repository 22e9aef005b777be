//! The results table (Markdown, printed and written to BENCHMARKS.md) with medians, ranges,
//! ratios to each peer and the goals.

use std::fmt::Write as _;

use crate::stats::Summary;

/// The columns, bookshelf first.
pub(crate) const COLUMNS: [&str; 4] = ["bookshelf", "mdBook", "Hugo", "Pagefind"];

/// The unit a row's figures are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Seconds,
    Millis,
    Micros,
    MiB,
    KB,
    MB,
}

impl Unit {
    fn format(self, v: f64) -> String {
        let (digits, name) = match self {
            Unit::Seconds => (if v < 10.0 { 2 } else { 1 }, "s"),
            Unit::Millis => (if v < 10.0 { 1 } else { 0 }, "ms"),
            Unit::Micros => (0, "µs"),
            Unit::MiB => (0, "MiB"),
            Unit::KB => (1, "KB"),
            Unit::MB => (2, "MB"),
        };
        format!("{v:.digits$} {name}")
    }
}

/// One cell: a measured summary, a note (why there is no figure), or nothing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Value(Summary),
    Note(String),
    Empty,
}

/// A goal beside a row: its wording and whether this run met it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Goal {
    pub(crate) text: String,
    pub(crate) met: Option<bool>,
}

/// One row of the table.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) pages: usize,
    pub(crate) measure: String,
    pub(crate) unit: Unit,
    /// One cell per entry of [`COLUMNS`].
    pub(crate) cells: [Cell; 4],
    pub(crate) goal: Option<Goal>,
}

impl Row {
    pub(crate) fn new(pages: usize, measure: &str, unit: Unit) -> Row {
        Row {
            pages,
            measure: measure.to_string(),
            unit,
            cells: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
            goal: None,
        }
    }

    /// The median of a column, when it was measured.
    pub(crate) fn median(&self, column: usize) -> Option<f64> {
        match &self.cells[column] {
            Cell::Value(s) => Some(s.median),
            _ => None,
        }
    }

    fn cell_text(&self, column: usize) -> String {
        match &self.cells[column] {
            Cell::Value(s) if s.n > 1 && s.min != s.max => format!(
                "{} ({}–{})",
                self.unit.format(s.median),
                self.unit
                    .format(s.min)
                    .split(' ')
                    .next()
                    .unwrap_or_default(),
                self.unit.format(s.max)
            ),
            Cell::Value(s) => self.unit.format(s.median),
            Cell::Note(n) => n.clone(),
            Cell::Empty => String::new(),
        }
    }

    /// bookshelf's median over each measured peer's, e.g. `0.42× Hugo`.
    fn ratios(&self) -> String {
        let Some(ours) = self.median(0) else {
            return String::new();
        };
        (1..COLUMNS.len())
            .filter_map(|c| {
                self.median(c)
                    .filter(|p| *p > 0.0)
                    .map(|p| format!("{:.2}× {}", ours / p, COLUMNS[c]))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Thousands with commas: `10,000`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The Markdown table of every row.
pub(crate) fn table(rows: &[Row]) -> String {
    let mut out = String::from("| pages | measure |");
    for c in COLUMNS {
        let _ = write!(out, " {c} |");
    }
    out.push_str(" bookshelf ÷ peer | goal |\n|---:|---|");
    out.push_str(&"---|".repeat(COLUMNS.len() + 2));
    out.push('\n');
    for row in rows {
        let _ = write!(out, "| {} | {} |", thousands(row.pages), row.measure);
        for c in 0..COLUMNS.len() {
            let _ = write!(out, " {} |", row.cell_text(c));
        }
        let goal = match &row.goal {
            Some(Goal {
                text,
                met: Some(true),
            }) => format!("{text}: met"),
            Some(Goal {
                text,
                met: Some(false),
            }) => format!("{text}: **missed**"),
            Some(Goal { text, met: None }) => format!("{text}: not measured"),
            None => String::new(),
        };
        let _ = writeln!(out, " {} | {goal} |", row.ratios());
    }
    out
}

/// The marker after which BENCHMARKS.md holds hand-written notes that a new run keeps.
pub(crate) const KEEP_MARKER: &str =
    "<!-- Hand-written notes below this line are kept when xtask rewrites the file. -->";

/// The hand-written tail of an earlier BENCHMARKS.md, marker included.
pub(crate) fn kept_notes(old: &str) -> Option<&str> {
    old.find(KEEP_MARKER).map(|at| &old[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(values: &[f64]) -> Cell {
        Cell::Value(Summary::of(values).unwrap())
    }

    #[test]
    fn rows_show_median_range_ratio_and_goal() {
        let mut row = Row::new(10_000, "full build", Unit::Seconds);
        row.cells[0] = summary(&[2.0, 1.5, 2.5]);
        row.cells[1] = Cell::Note("not run".into());
        row.cells[2] = summary(&[8.0]);
        row.goal = Some(Goal {
            text: "≤ 0.5× Hugo".into(),
            met: Some(true),
        });
        let text = table(&[row]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "| pages | measure | bookshelf | mdBook | Hugo | Pagefind | bookshelf ÷ peer | goal |"
        );
        assert_eq!(lines[1], "|---:|---|---|---|---|---|---|---|");
        assert_eq!(lines[2], "| 10,000 | full build | 2.00 s (1.50–2.50 s) | not run | 8.00 s |  | 0.25× Hugo | ≤ 0.5× Hugo: met |");
    }

    #[test]
    fn units_and_thousands() {
        assert_eq!(Unit::Seconds.format(12.345), "12.3 s");
        assert_eq!(Unit::Millis.format(4.26), "4.3 ms");
        assert_eq!(Unit::MiB.format(181.4), "181 MiB");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn keeps_hand_written_notes() {
        let old = format!("# Benchmarks\nold table\n{KEEP_MARKER}\n## Findings\nkeep me\n");
        assert_eq!(
            kept_notes(&old),
            Some(format!("{KEEP_MARKER}\n## Findings\nkeep me\n").as_str())
        );
        assert_eq!(kept_notes("# no marker"), None);
    }
}
