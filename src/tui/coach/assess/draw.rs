//! Drawing the assessment screens: each step as a framed page under a header that says which
//! test of how many, the running test with its count or clock in big digits, and the result
//! against the norm for the person's age in plain words.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Padding, Paragraph};

use super::result::{bold, bullet, result, summary};
use super::state::{AGES, Assessing, Step};
use crate::assess::protocol::{STOP_ON, protocol};
use crate::assess::trial::{Phase, Trial, entry_range};
use crate::assess::{
    BALANCE_STAGE_SECS, CHAIR_STAND_SECS, Person, SINGLE_LEG_CAP_SECS, STEP_TEST_SECS, Sex, Test,
    one_decimal, stage_short,
};
use crate::common::calendar::day_label;
use crate::common::wrap::width;
use crate::tui::big;
use crate::tui::coach::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{countdown_text, frame_block, wrap_line, wrap_lines};

/// Terminals at least this large get taller digits.
const LARGE: (u16, u16) = (120, 40);

pub fn draw(frame: &mut Frame, area: Rect, a: &Assessing, shared: &Shared, now: Instant) {
    let theme = &shared.theme;
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let (done, total) = a.position();
    let title = match (a.test(), &a.step) {
        (Some(t), _) => format!(" Assessment · test {done} of {total} · {}", t.name()),
        (None, Step::AboutYou(_)) => " Assessment · about you".into(),
        (None, Step::Choose) => " Assessment · choose the tests".into(),
        _ => " Assessment · done".into(),
    };
    let right = "stop on pain or dizziness ";
    let [hl, hr] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width(right) as u16)])
            .areas(header);
    frame.render_widget(Paragraph::new(Span::styled(title, theme.title)), hl);
    if hl.width > 50 {
        frame.render_widget(Paragraph::new(Span::styled(right, theme.warn)), hr);
    }
    match &a.step {
        Step::AboutYou(about) => {
            let lines = about_you(about.age.as_str(), about.sex, about.error.as_deref(), theme);
            page(frame, body, "About you", lines, 0, theme);
        }
        Step::Choose => page(
            frame,
            body,
            "Which tests today?",
            choose(a, shared, theme),
            0,
            theme,
        ),
        Step::Setup(test) => page(
            frame,
            body,
            "Set up safely",
            setup(*test, a.aid, theme),
            a.scroll,
            theme,
        ),
        Step::Testing(trial) => testing(frame, body, trial, now, theme),
        Step::Entry { trial, text, error } => {
            let lines = entry(trial, text, error.as_deref(), a.aid, theme);
            page(frame, body, "Enter the result", lines, 0, theme);
        }
        Step::Result { measure, stopped } => {
            let lines = result(measure.as_ref(), *stopped, a, shared, theme);
            page(frame, body, "Result", lines, a.scroll, theme);
        }
        Step::Summary => page(
            frame,
            body,
            "Assessment done",
            summary(a, shared, theme),
            a.scroll,
            theme,
        ),
    }
}

/// A framed page of wrapped lines, from row `scroll` (kept within the text).
fn page(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: &Theme,
) {
    let block = frame_block(title.to_owned(), theme).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    // A bullet's lines hang under its words.
    let rows: Vec<Line> = lines
        .iter()
        .flat_map(|l| {
            let hang = match l.spans.first() {
                Some(s) if ["•", "⚑"].contains(&s.content.trim()) => width(&s.content) as u16,
                _ => 0,
            };
            wrap_line(l, inner.width.max(1), hang)
        })
        .collect();
    let most = (rows.len() as u16).saturating_sub(inner.height);
    let scroll = scroll.min(most);
    let mut block = block;
    if most > 0 {
        let more = if scroll < most {
            "↓ more (↑↓)"
        } else {
            "↑ (↑↓)"
        };
        block = block.title_bottom(Line::styled(format!(" {more} "), theme.dim).right_aligned());
    }
    frame.render_widget(Paragraph::new(rows).scroll((scroll, 0)).block(block), area);
}

fn about_you(
    age: &str,
    sex: Option<Sex>,
    error: Option<&str>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mark = |s: Sex| if sex == Some(s) { "(•)" } else { "( )" };
    let mut lines = vec![
        Line::raw(
            "upright compares your results with published figures for people of your age and sex. You can leave either out: then no comparison is shown, only your results and how they change.",
        ),
        Line::raw(""),
        Line::from(vec![
            Span::raw("  Age:  "),
            Span::styled(format!("{age}_"), theme.selected),
            Span::raw(format!("  years ({}-{})", AGES.0, AGES.1)),
        ]),
        Line::raw(format!(
            "  Sex:  {} woman (f)   {} man (m)",
            mark(Sex::Female),
            mark(Sex::Male)
        )),
        Line::raw(""),
    ];
    if let Some(e) = error {
        lines.push(Line::styled(e.to_owned(), theme.warn));
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Asked once; kept in your journal. To change it later, press y on the list of tests.",
        theme.dim,
    ));
    lines
}

/// What the norms know of the person: "Set against the figures for women aged 70-74".
fn compared_as(person: &Person, today: i64) -> String {
    match (person.age_on(today), person.sex) {
        (Some(age), Some(sex)) => format!(
            "Age {age}, {}: results are set against published figures for {} of your age.",
            match sex {
                Sex::Female => "woman",
                Sex::Male => "man",
            },
            sex.plural()
        ),
        _ => "No age and sex given: results are not compared with published figures (y to give them)."
            .into(),
    }
}

fn choose(a: &Assessing, shared: &Shared, theme: &Theme) -> Vec<Line<'static>> {
    let assessments = shared.assessments();
    let mut lines = vec![Line::raw(
        "Choose the tests to do today. Every test needs a helper beside you.",
    )];
    lines.push(Line::raw(""));
    let name_width = Test::ALL.iter().map(|t| width(t.name())).max().unwrap_or(0);
    for (i, (test, on)) in Test::ALL.iter().zip(a.chosen).enumerate() {
        let last = assessments
            .results
            .iter()
            .rev()
            .find(|r| r.measure.test() == *test)
            .map_or_else(
                || "not done yet".to_owned(),
                |r| format!("last: {}, {}", r.measure.describe(), day_label(r.day)),
            );
        let style = if i == a.cursor {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(if i == a.cursor { "▶ " } else { "  " }, theme.accent),
            Span::styled(
                format!(
                    "[{}] {:<name_width$}",
                    if on { "x" } else { " " },
                    test.name()
                ),
                style,
            ),
            Span::styled(format!("  {last}"), theme.dim),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        compared_as(&assessments.person(), shared.today()),
        theme.dim,
    ));
    lines.push(Line::styled(STOP_ON, theme.warn));
    lines
}

fn setup(test: Test, aid: bool, theme: &Theme) -> Vec<Line<'static>> {
    let p = protocol(test);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("You need: ", theme.accent.add_modifier(Modifier::BOLD)),
            Span::raw(p.needs.join("; ")),
        ]),
        Line::raw(""),
        bold("Set up safely", theme),
    ];
    lines.extend(p.setup.iter().map(|s| bullet(s, theme)));
    lines.push(bold("How", theme));
    lines.extend(p.how.iter().map(|s| bullet(s, theme)));
    lines.push(Line::raw(""));
    lines.push(Line::styled(p.record.to_owned(), theme.accent));
    if test == Test::TimedUpAndGo {
        lines.push(Line::raw(format!(
            "With your usual walking aid: {} (w to change).",
            if aid { "yes" } else { "no" }
        )));
    }
    lines.push(Line::styled(STOP_ON, theme.warn));
    lines
}

/// The running test: what is happening, its count or clock big, and a gauge of its time.
fn testing(frame: &mut Frame, area: Rect, trial: &Trial, now: Instant, theme: &Theme) {
    let test = trial.test();
    let phase = trial.phase();
    let block_title = match phase {
        Phase::Counting { .. } => "COUNTING",
        Phase::Stopwatch { .. } => "TIMING",
        Phase::Holding { .. } => "HOLD",
        _ => "GET READY",
    };
    let block = frame_block(block_title.into(), theme).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let clock = trial.clock(now);
    // (what is shown big, the line above it, the gauge's share and words)
    let (digits, above, gauge): (String, String, Option<(f64, String)>) = match *phase {
        Phase::Counting { count, .. } => {
            let total = if test == Test::TwoMinuteStep {
                STEP_TEST_SECS
            } else {
                CHAIR_STAND_SECS
            };
            let left = clock.ceil() as u32;
            let what = if test == Test::TwoMinuteStep {
                "Right-knee raises counted"
            } else {
                "Full stands counted"
            };
            (
                count.to_string(),
                what.into(),
                Some((
                    1.0 - f64::from(left) / total as f64,
                    if left >= 60 {
                        format!("{} left ", countdown_text(left))
                    } else {
                        format!("{left} s left ")
                    },
                )),
            )
        }
        Phase::Stopwatch { .. } => (
            countdown_text(clock.floor() as u32),
            "Stand up, walk to the mark at your normal pace, turn, walk back and sit down".into(),
            None,
        ),
        Phase::Holding { .. } => {
            let of = if test == Test::SingleLegStance {
                SINGLE_LEG_CAP_SECS
            } else {
                BALANCE_STAGE_SECS
            };
            let held = clock.floor();
            (
                format!("{held:.0}"),
                trial.step_label().unwrap_or_default(),
                Some((held / of, format!("{held:.0} s of {of:.0} ",))),
            )
        }
        _ => (String::new(), trial.step_label().unwrap_or_default(), None),
    };
    let mut notes: Vec<Line<'static>> = Vec::new();
    match (phase, test) {
        (Phase::Ready, _) => {
            notes.push(Line::raw("Get into position with your helper beside you, then press Enter to start the time."));
            notes.extend(so_far(trial, theme));
        }
        (Phase::Counting { .. }, Test::ChairStand) => notes.push(Line::styled(
            "Arms crossed. Space at each full stand; a stand more than halfway up when time ends counts. Arms needed: a.",
            theme.dim,
        )),
        (Phase::Counting { .. }, _) => notes.push(Line::styled(
            "Space each time the right knee reaches the mark. Slow down or rest if you need to.",
            theme.dim,
        )),
        (Phase::Stopwatch { .. }, _) => notes.push(Line::styled(
            "Enter when sitting again, back against the chair.",
            theme.dim,
        )),
        (Phase::Holding { .. }, _) => {
            notes.push(Line::styled(
                "Space when the position is lost: a foot moves or touches down, or you hold on.",
                theme.dim,
            ));
            notes.extend(so_far(trial, theme));
        }
        _ => {}
    }
    notes.push(Line::styled(
        "Pain, dizziness or a fall: stop (p, d, f).",
        theme.warn,
    ));
    let notes = wrap_lines(&notes, inner.width.max(1));
    let above = wrap_lines(&[Line::styled(above, theme.title)], inner.width.max(1));

    let large = area.width >= LARGE.0 && area.height >= LARGE.1;
    let spare = inner
        .height
        .saturating_sub(above.len() as u16 + notes.len() as u16 + 4);
    let fitted = (!digits.is_empty())
        .then(|| {
            big::fit_lines(
                std::slice::from_ref(&digits),
                big::Limits {
                    max_glyph_height: if large { 16 } else { 4 },
                    min_chars: 2,
                    ..big::Limits::area(inner.width, spare)
                },
            )
        })
        .flatten();
    let big_h = fitted.as_ref().map_or(1, big::Big::height);
    let [above_area, _, big_area, _, gauge_area, _, notes_area] = Layout::vertical([
        Constraint::Length(above.len() as u16),
        Constraint::Fill(1),
        Constraint::Length(big_h),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(notes.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(above).alignment(Alignment::Center),
        above_area,
    );
    let style = theme
        .countdown(crate::training::plan::PhaseKind::Work)
        .add_modifier(Modifier::BOLD);
    match &fitted {
        Some(b) => b.render(big_area, frame.buffer_mut(), style),
        None => frame.render_widget(
            Paragraph::new(Span::styled(digits, style)).alignment(Alignment::Center),
            big_area,
        ),
    }
    if let Some((ratio, words)) = gauge {
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .filled_style(theme.accent)
                .unfilled_style(theme.dim)
                .label(Span::styled(words, theme.text)),
            gauge_area,
        );
    }
    frame.render_widget(Paragraph::new(notes), notes_area);
}

/// The balance stages or legs done so far: "Stage 1 (side by side): 10 s ✓".
fn so_far(trial: &Trial, theme: &Theme) -> Vec<Line<'static>> {
    let held = trial.held();
    held.iter()
        .enumerate()
        .map(|(i, &s)| {
            let what = match trial.test() {
                Test::FourStageBalance => format!("Stage {} ({})", i + 1, stage_short(i)),
                _ => ["Left leg", "Right leg"]
                    .get(i)
                    .copied()
                    .unwrap_or("")
                    .to_owned(),
            };
            let mark = if trial.test() == Test::FourStageBalance && s >= BALANCE_STAGE_SECS {
                " ✓"
            } else {
                ""
            };
            Line::styled(format!("  {what}: {} s{mark}", one_decimal(s)), theme.dim)
        })
        .collect()
}

fn entry(
    trial: &Trial,
    text: &str,
    error: Option<&str>,
    aid: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let test = trial.test();
    let (lo, hi) = entry_range(test).unwrap_or((0.0, 0.0));
    let what = match test {
        Test::ChairStand => "Full stands in 30 seconds (0 if the arms were needed)".to_owned(),
        Test::TimedUpAndGo => "Seconds from \"go\" until sitting again".to_owned(),
        Test::SingleLegStance => format!(
            "Seconds standing on the {} leg (up to 30)",
            if trial.step() == 0 { "left" } else { "right" }
        ),
        Test::TwoMinuteStep => "Right-knee raises in 2 minutes".to_owned(),
        Test::OcciputToWall => "Centimetres from the wall to the back of the head".to_owned(),
        Test::Height => "Height in centimetres, without shoes".to_owned(),
        Test::FourStageBalance => String::new(),
    };
    let mut lines = vec![
        Line::raw(format!("{what}:")),
        Line::raw(""),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{text}_"), theme.selected),
            Span::raw(format!(
                "  {}   ({} to {})",
                test.unit(),
                one_decimal(lo),
                one_decimal(hi)
            )),
        ]),
        Line::raw(""),
    ];
    lines.extend(so_far(trial, theme));
    if test == Test::TimedUpAndGo {
        lines.push(Line::raw(format!(
            "With your usual walking aid: {} (w to change).",
            if aid { "yes" } else { "no" }
        )));
    }
    if let Some(e) = error {
        lines.push(Line::styled(format!("Not recorded: {e}."), theme.warn));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Type the result you (or your helper) measured, then Enter.",
        theme.dim,
    ));
    lines
}
