//! The history's assessment panel: each test done, its results over time on a strip against
//! the usual range for the person's age (when there is one), the latest result in words, and
//! a flag while one stands.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::assess::flags::{Assessed, Reassess, by_test, flags};
use crate::assess::norms::{Kind, Table};
use crate::assess::{Person, one_decimal};
use crate::common::calendar::{Day, day_label};
use crate::records::assessments::Assessments;
use crate::tui::theme::Theme;
use crate::tui::widgets::{frame_block, wrap_line};

/// The results on a strip `width` cells wide: the norm's range drawn solid, the rest dotted,
/// earlier results ○ and the latest ●. The scale runs a little past the lowest and highest
/// of the results and the range.
pub fn strip(
    scores: &[f64],
    band: Option<(f64, f64)>,
    width: u16,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let width = usize::from(width.max(3));
    let ends = scores
        .iter()
        .copied()
        .chain(band.into_iter().flat_map(|(l, h)| [l, h]));
    let (lo, hi) = ends.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if !lo.is_finite() {
        return Vec::new();
    }
    let pad = ((hi - lo) * 0.1).max(0.5);
    let (lo, hi) = (lo - pad, hi + pad);
    let cell = |x: f64| {
        (((x - lo) / (hi - lo)) * width as f64)
            .floor()
            .clamp(0.0, width as f64 - 1.0) as usize
    };
    let mut cells: Vec<(char, bool)> = (0..width)
        .map(|i| {
            let v = lo + (i as f64 + 0.5) / width as f64 * (hi - lo);
            let inside = band.is_some_and(|(l, h)| v >= l && v <= h);
            (if inside { '━' } else { '·' }, inside)
        })
        .collect();
    for (i, &s) in scores.iter().enumerate() {
        let latest = i + 1 == scores.len();
        cells[cell(s)].0 = if latest { '●' } else { '○' };
    }
    cells
        .into_iter()
        .map(|(c, inside)| {
            let style = match c {
                '●' | '○' => theme.title,
                _ if inside => theme.accent,
                _ => theme.dim,
            };
            Span::styled(c.to_string(), style)
        })
        .collect()
}

/// The lines of one test's trend, for `width` columns.
fn test_lines(
    results: &[Assessed],
    person: &Person,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(latest) = results.last() else {
        return Vec::new();
    };
    let test = latest.measure.test();
    let table = Table::bundled();
    let compared = latest
        .stopped
        .is_none()
        .then(|| table.compare(&latest.measure, person, latest.day))
        .flatten();
    let flagged = !flags(results, person, table).is_empty();
    let mut head = vec![Span::styled(
        test.name().to_owned(),
        theme.accent.add_modifier(Modifier::BOLD),
    )];
    let what = match (&compared, latest.stopped) {
        (_, Some(s)) => format!(
            ": {}, {} ({})",
            latest.measure.describe(),
            s.label(),
            day_label(latest.day)
        ),
        (Some(c), None) => format!(
            ": {}, {} ({}) · {}: {}",
            latest.measure.describe(),
            c.standing_words(),
            day_label(latest.day),
            c.who(),
            c.figures()
        ),
        (None, None) => format!(
            ": {} ({})",
            latest.measure.describe(),
            day_label(latest.day)
        ),
    };
    head.push(Span::raw(what));
    if flagged {
        head.push(Span::styled("  ⚑ flagged", theme.warn));
    }
    let mut lines = wrap_line(&Line::from(head), width, 2);
    // The scored results (a stopped test is left off the strip: it is not comparable).
    let scored: Vec<(Day, f64)> = results
        .iter()
        .filter(|r| r.stopped.is_none())
        .filter_map(|r| r.measure.score().map(|s| (r.day, s)))
        .collect();
    if scored.is_empty() {
        return lines;
    }
    let band = compared
        .as_ref()
        .filter(|c| c.norm.kind != Kind::Mean)
        .map(|c| (c.norm.low, c.norm.high));
    let values: Vec<f64> = scored.iter().map(|s| s.1).collect();
    let trend: Vec<String> = scored
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|(_, s)| one_decimal(*s))
        .collect();
    let since = match scored.len() {
        1 => format!(" on {}", day_label(scored[0].0)),
        2..=4 => format!(" since {}", day_label(scored[0].0)),
        n => format!(" (the last 4 of {n})"),
    };
    let words = format!("  {} {}{since}", trend.join(" → "), test.unit());
    let strip_width = (width / 3).clamp(12, 40);
    let mut row = vec![Span::raw("  ")];
    row.extend(strip(&values, band, strip_width, theme));
    row.push(Span::styled(words, theme.dim));
    lines.extend(wrap_line(&Line::from(row), width, 2));
    lines
}

/// Every test's lines, the most recently done first.
pub fn lines(a: &Assessments, today: Day, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let person = a.person();
    let mut tests: Vec<Vec<Assessed>> = by_test(&a.results).into_values().collect();
    tests.sort_by_key(|r| std::cmp::Reverse(r.last().map_or(0, |l| l.day)));
    let mut out = Vec::new();
    for results in &tests {
        out.extend(test_lines(results, &person, width, theme));
    }
    let next = match a.reassess(today) {
        Reassess::Never => {
            "No assessment yet: a on the home screen (or `upright assess`) starts one.".to_owned()
        }
        Reassess::NotYet { due } => format!("Next assessment suggested from {}.", day_label(due)),
        Reassess::Due { .. } => {
            "A reassessment is suggested now (8 weeks or more since the last).".into()
        }
        Reassess::Overdue { .. } => {
            "A reassessment is overdue (more than 12 weeks since the last).".into()
        }
    };
    if person.age.is_none() || person.sex.is_none() {
        out.push(Line::styled(
            "No age and sex given: results are not set against the figures for your age.",
            theme.dim,
        ));
    } else {
        out.push(Line::styled(
            "━ the usual range for your age   ● latest   ○ earlier",
            theme.dim,
        ));
    }
    out.push(Line::styled(next, theme.dim));
    out
}

/// The panel, its lines from `scroll` on.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    a: &Assessments,
    today: Day,
    scroll: usize,
    theme: &Theme,
) {
    let block = frame_block("Assessments against the figures for your age".into(), theme);
    let inner = block.inner(area);
    let lines = lines(a, today, inner.width, theme);
    let most = lines.len().saturating_sub(usize::from(inner.height));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.min(most) as u16, 0))
            .block(block),
        area,
    );
}
