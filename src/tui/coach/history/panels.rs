//! The history screen's four panels, each drawn from the figures `crate::records::history`
//! works out: sessions per week against the plan, check-ins and effort over time (sharp pain
//! and red flags marked), each item's level, and the last seven days' dose against the
//! guidance.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Sparkline, Wrap,
};

use crate::common::calendar::{Day, day_label, day_of_month, week_of};
use crate::common::text::clean_line;
use crate::common::wrap::{rows, width};
use crate::records::history::{ProgramHistory, SessionInfo, Standing, WeekDose};
use crate::records::replay::Held;
use crate::tui::theme::Theme;
use crate::tui::widgets::{frame_block, wrap_line};

/// How many weeks to show in `width` columns: back to the first session (at least eight
/// weeks), as many as fit with bars at least three columns wide, at most a year.
fn weeks_shown(p: &ProgramHistory, today: Day, width: u16) -> usize {
    let fit = usize::from((width + 1) / 4).clamp(1, 52);
    let since_first = p.sessions.first().map_or(0, |s| {
        ((week_of(today) - week_of(s.day)) / 7).max(0) as usize + 1
    });
    since_first.clamp(8, 52).min(fit)
}

pub(super) fn draw_weeks(
    frame: &mut Frame,
    area: Rect,
    p: &ProgramHistory,
    today: Day,
    theme: &Theme,
) {
    let title = match p.per_week {
        Some(n) => format!("Sessions per week · plan {n}"),
        None => "Sessions per week · program no longer here".into(),
    };
    let block = frame_block(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown = weeks_shown(p, today, inner.width);
    let bar_width = ((inner.width + 1) / shown as u16)
        .saturating_sub(1)
        .clamp(3, 12);
    let weeks = p.per_week(shown, today);
    let last4: u32 = weeks.iter().rev().take(4).map(|w| w.1).sum();
    let this = weeks.last().map_or(0, |w| w.1);
    // What the counts leave out, and what they count that stopped early, said plainly.
    let from = weeks
        .get(weeks.len().saturating_sub(4))
        .map_or(today, |w| w.0);
    let recent = || p.sessions.iter().filter(|s| s.day >= from && s.sets > 0);
    let not_counted = recent().filter(|s| !s.counts()).count();
    let for_pain = recent()
        .filter(|s| s.counts() && !s.stopped_for_pain.is_empty())
        .count();
    let mut note = String::new();
    if for_pain > 0 {
        note.push_str(&format!(" {for_pain} of them stopped for pain."));
    }
    if not_counted > 0 {
        note.push_str(&format!(
            " Not counted: {not_counted} ended early (quit, red flag or not finished)."
        ));
    }
    let lines = match p.per_week {
        Some(n) => vec![
            Line::raw(format!("This week: {this} of {n} planned.")),
            Line::styled(
                format!(
                    "Last 4 weeks: {last4} of {} planned.{note} Week by week from {}.",
                    4 * n,
                    day_label(weeks.first().map_or(today, |w| w.0))
                ),
                theme.dim,
            ),
        ],
        None => vec![
            Line::raw(format!("This week: {this}.")),
            Line::styled(format!("Last 4 weeks: {last4}.{note}"), theme.dim),
        ],
    };
    // The words take the rows they need (up to four), the chart the rest.
    let text_rows: usize = lines
        .iter()
        .map(|l| rows(&l.to_string(), usize::from(inner.width)))
        .sum();
    let [chart, text] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(text_rows.clamp(2, 4) as u16),
    ])
    .areas(inner);
    let first_monday = weeks.first().map_or(0, |w| w.0);
    let target = u64::from(p.per_week.unwrap_or(0));
    let bars: Vec<Bar> = weeks
        .iter()
        .map(|&(monday, n)| {
            // Each week's Monday when there is room, else a month's name under its first
            // week (and under the first bar).
            let d = day_of_month(monday + 6);
            let label = if bar_width >= 6 {
                day_label(monday)
            } else if d <= 7 || monday == first_monday {
                day_label(monday + 6)
                    .split(' ')
                    .nth(1)
                    .unwrap_or("")
                    .to_owned()
            } else {
                String::new()
            };
            let style = if target > 0 && u64::from(n) >= target {
                theme.accent
            } else {
                theme.warn
            };
            Bar::default()
                .value(u64::from(n))
                .label(Line::from(label))
                .style(style)
                .value_style(theme.selected)
        })
        .collect();
    let max = weeks.iter().map(|w| u64::from(w.1)).max().unwrap_or(0);
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1)
            .max(max.max(target).max(1))
            .label_style(theme.dim),
        chart,
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
}

pub(super) fn draw_check_ins(
    frame: &mut Frame,
    area: Rect,
    p: &ProgramHistory,
    today: Day,
    theme: &Theme,
) {
    let block = frame_block("Check-ins and effort".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let weeks = weeks_shown(p, today, inner.width.saturating_sub(6)) as i64;
    let from = week_of(today) - 7 * (weeks - 1);
    let shown: Vec<_> = p.sessions.iter().filter(|s| s.day >= from).collect();
    if shown.iter().all(|s| s.pain.is_none() && !s.red_flag) {
        frame.render_widget(
            Paragraph::new(Line::styled("No check-ins in these weeks yet.", theme.dim)),
            inner,
        );
        return;
    }
    // Marks: every stop for pain and red flag, in words (the charts mark them too).
    let mut marks = Vec::new();
    for s in &shown {
        for name in &s.stopped_for_pain {
            marks.push(format!(
                "✗ {} stopped for pain: {}",
                day_label(s.day),
                clean_line(name)
            ));
        }
        if s.red_flag {
            marks.push(format!("! {} red flag", day_label(s.day)));
        }
    }
    let marks_text = if marks.is_empty() {
        "No exercise stopped for pain, and no red flags, in these weeks.".to_owned()
    } else {
        marks.join(" · ")
    };
    let mark_rows = rows(&marks_text, usize::from(inner.width)).clamp(1, 3) as u16;
    let [effort_area, feel_area, marks_area] = Layout::vertical([
        Constraint::Percentage(50),
        Constraint::Min(0),
        Constraint::Length(mark_rows),
    ])
    .areas(inner);

    let x = [from as f64, today as f64 + 0.5];
    let x_labels = || {
        vec![
            Span::styled(day_label(from), theme.dim),
            Span::styled(day_label(today), theme.dim),
        ]
    };
    let effort: Vec<(f64, f64)> = shown
        .iter()
        .filter_map(|s| s.effort.map(|e| (s.day as f64, e)))
        .collect();
    frame.render_widget(
        Chart::new(vec![
            Dataset::default()
                .name("effort")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.accent)
                .data(&effort),
        ])
        .block(Block::new().title(Span::styled("Effort, 0 to 10", theme.dim)))
        .x_axis(
            Axis::default()
                .bounds(x)
                .labels(x_labels())
                .style(theme.border),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 10.0])
                .labels(["0", "5", "10"].map(|l| Span::styled(l, theme.dim)))
                .style(theme.border),
        )
        .legend_position(None),
        effort_area,
    );

    let pain = |s: &&SessionInfo| f64::from(s.pain.unwrap_or(0));
    let feelings: Vec<(f64, f64)> = shown
        .iter()
        .filter(|s| s.pain.is_some() && s.stopped_for_pain.is_empty())
        .map(|s| (s.day as f64, pain(s)))
        .collect();
    let sharp: Vec<(f64, f64)> = shown
        .iter()
        .filter(|s| !s.stopped_for_pain.is_empty())
        .map(|s| (s.day as f64, pain(s)))
        .collect();
    let flags: Vec<(f64, f64)> = shown
        .iter()
        .filter(|s| s.red_flag)
        .map(|s| (s.day as f64, 10.0))
        .collect();
    frame.render_widget(
        Chart::new(vec![
            Dataset::default()
                .name("highest pain")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(theme.text)
                .data(&feelings),
            Dataset::default()
                .name("✗ stopped for pain")
                .marker(Marker::Custom('✗'))
                .graph_type(GraphType::Scatter)
                .style(theme.warn)
                .data(&sharp),
            Dataset::default()
                .name("! red flag")
                .marker(Marker::Custom('!'))
                .graph_type(GraphType::Scatter)
                .style(theme.warn.add_modifier(Modifier::BOLD))
                .data(&flags),
        ])
        .block(Block::new().title(Span::styled(
            "Highest pain, 0-10 (✗ stopped for pain, ! red flag)",
            theme.dim,
        )))
        .x_axis(
            Axis::default()
                .bounds(x)
                .labels(x_labels())
                .style(theme.border),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 10.0])
                .labels(["0", "5", "10"].map(|l| Span::styled(l, theme.dim)))
                .style(theme.border),
        )
        .legend_position(None),
        feel_area,
    );
    let style = if marks.is_empty() {
        theme.dim
    } else {
        theme.warn
    };
    frame.render_widget(
        Paragraph::new(wrap_line(
            &Line::styled(marks_text, style),
            marks_area.width,
            0,
        )),
        marks_area,
    );
}

fn held_words(held: Option<Held>) -> String {
    match held {
        None => "moves up next time".into(),
        Some(Held::Building { clean, of }) => format!("{clean} of {of} clean sessions"),
        Some(Held::Pain(n)) => format!(
            "held after pain: {n} more clean session{}",
            if n == 1 { "" } else { "s" }
        ),
        Some(Held::RedFlag) => "held until you are cleared".into(),
        Some(Held::NextDay) => "held today: pain the day after".into(),
        Some(Held::Top) => "at the top of its steps".into(),
    }
}

pub(super) fn draw_levels(
    frame: &mut Frame,
    area: Rect,
    p: &ProgramHistory,
    scroll: usize,
    theme: &Theme,
) {
    let block = frame_block("Levels · today's dose".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if p.items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No exercises done yet.", theme.dim)),
            inner,
        );
        return;
    }
    // Two lines an item: name, chart and level; then the dose and what comes next.
    let per_page = usize::from(inner.height / 2).max(1);
    let first = scroll.min(p.items.len().saturating_sub(per_page));
    let name_width = (inner.width / 3).clamp(12, 28);
    for (row, item) in p.items.iter().skip(first).take(per_page).enumerate() {
        let y = inner.y + 2 * row as u16;
        let line1 = Rect {
            y,
            height: 1,
            ..inner
        };
        let line2 = Rect {
            y: y + 1,
            height: 1,
            ..inner
        };
        let level = match &item.today {
            Some(t) if t.top == 0 => " fixed dose".to_owned(),
            Some(t) => format!(" level {} of {}", t.level, t.top),
            None => String::new(),
        };
        let [name_area, spark_area, level_area] = Layout::horizontal([
            Constraint::Length(name_width),
            Constraint::Min(4),
            Constraint::Length(width(&level) as u16),
        ])
        .areas(line1);
        frame.render_widget(
            Paragraph::new(Span::styled(
                clean_line(&item.name).into_owned(),
                theme.text.add_modifier(Modifier::BOLD),
            )),
            name_area,
        );
        let top = item
            .today
            .as_ref()
            .map_or(0, |t| t.top)
            .max(item.levels.iter().map(|l| l.1).max().unwrap_or(0));
        let width = usize::from(spark_area.width.saturating_sub(1));
        let data: Vec<u64> = item
            .levels
            .iter()
            .skip(item.levels.len().saturating_sub(width))
            .map(|l| u64::from(l.1) + 1)
            .collect();
        frame.render_widget(
            Sparkline::default()
                .data(&data)
                .max(u64::from(top) + 1)
                .style(theme.accent),
            Rect {
                x: spark_area.x + 1,
                width: spark_area.width.saturating_sub(1),
                ..spark_area
            },
        );
        frame.render_widget(Paragraph::new(Span::styled(level, theme.dim)), level_area);
        let detail = match &item.today {
            // What the person chose after pain comes before what holds the level.
            Some(t) => match (&t.stopped, t.top) {
                (Some(s), _) if s.left_out => format!(
                    "  {} · stopped for pain: left out until assessed",
                    t.dose.describe()
                ),
                (Some(_), _) => format!(
                    "  {} · stopped for pain: asked about before next time",
                    t.dose.describe()
                ),
                (None, 0) => format!("  {}", t.dose.describe()),
                (None, _) => format!("  {} · {}", t.dose.describe(), held_words(t.held)),
            },
            None => format!("  done {} times", item.levels.len()),
        };
        frame.render_widget(Paragraph::new(Span::styled(detail, theme.dim)), line2);
    }
    if p.items.len() > per_page {
        let more = format!(
            " {}-{} of {} ",
            first + 1,
            (first + per_page).min(p.items.len()),
            p.items.len()
        );
        let w = width(&more) as u16;
        if area.width > w + 2 {
            frame.render_widget(
                Paragraph::new(Span::styled(more, theme.dim)),
                Rect {
                    x: area.x + area.width - w - 1,
                    y: area.y + area.height - 1,
                    width: w,
                    height: 1,
                },
            );
        }
    }
}

fn standing(s: Standing, theme: &Theme) -> Span<'static> {
    match s {
        Standing::OnTrack => Span::styled("✓ on track", theme.accent),
        Standing::Below => Span::styled("below the guidance", theme.warn),
        Standing::Above => Span::styled("above the guidance", theme.warn),
    }
}

pub(super) fn draw_dose(frame: &mut Frame, area: Rect, d: &WeekDose, theme: &Theme) {
    let block = frame_block("The last 7 days, every program".into(), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let minutes = |secs: u32| (secs + 30) / 60;
    let metric = |name: &str, value: String, s: Standing, guidance: &str| {
        vec![
            Line::from(vec![
                Span::styled(format!("{name}: "), theme.text.add_modifier(Modifier::BOLD)),
                Span::raw(value),
                Span::raw("  "),
                standing(s, theme),
            ]),
            Line::styled(format!("  guidance: {guidance}"), theme.dim),
        ]
    };
    let mut lines = Vec::new();
    lines.extend(metric(
        "Resistance",
        format!(
            "{} session{}",
            d.resistance_sessions,
            if d.resistance_sessions == 1 { "" } else { "s" }
        ),
        d.resistance(),
        "2-3 sessions a week, 8-12 reps, effort 5-8",
    ));
    lines.extend(metric(
        "Balance",
        format!(
            "{} min; {} day{} of 15 min",
            minutes(d.balance_secs),
            d.balance_days,
            if d.balance_days == 1 { "" } else { "s" }
        ),
        d.balance(),
        "15-20 minutes on most days",
    ));
    lines.extend(metric(
        "Extension",
        format!(
            "{} min; {} day{} of 5 min",
            minutes(d.extension_secs),
            d.extension_days,
            if d.extension_days == 1 { "" } else { "s" }
        ),
        d.extension(),
        "5-10 minutes daily, holds of 3-5 s",
    ));
    lines.extend(metric(
        "Impacts",
        format!(
            "about {}; {} day{} of 50",
            d.impacts,
            d.impact_days,
            if d.impact_days == 1 { "" } else { "s" }
        ),
        d.impact(),
        "about 50 moderate impacts on most days (with a spine fracture, no more than brisk walking)",
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Guidance: Too Fit To Fracture; Royal Osteoporosis Society 2019. Ask your physiotherapist what suits you.",
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
