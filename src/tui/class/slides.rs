//! The class display's slides: what the room sees at each moment (the welcome, an exercise, a
//! check-in, the red flags, the end) as a column of parts for `column`, with the progress bar,
//! the safety line and the instructor's keys at the foot, and the exercise's figure as tall
//! as the screen beside it. Nothing here changes state.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::column::{Part, Words, arrange, column};
use super::{Class, Overlay, Stage};
use crate::common::text::clean_line;
use crate::training::plan::{Phase, PhaseKind};
use crate::training::safety::{self, FALL, RED_FLAGS, RedFlag, Urgency};
use crate::tui::figure_panel::{self, Shown};
use crate::tui::keys;
use crate::tui::theme::Theme;
use crate::tui::widgets::{
    MIN_HEIGHT, MIN_WIDTH, countdown_text, fill, frame_block, phase_word, popup, too_small,
};

/// Draws the whole class display.
pub fn draw(frame: &mut Frame, class: &Class, now: Instant) {
    let area = frame.area();
    let theme = &class.theme;
    fill(frame.buffer_mut(), area, theme.base);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    let inner = inner(area);
    // Whether the red flags fit decides their keys: the class is told for its key table.
    let scroll_max = red_flags_overflow(class, inner).then(|| red_flags_scroll_max(class, inner));
    class.red_flags_scroll.set(scroll_max);
    match (class.overlay, scroll_max) {
        (Some(Overlay::RedFlags { scroll }), Some(max)) => {
            scrolled_red_flags(frame, inner, class, scroll.min(max), theme)
        }
        _ => {
            let (words, figure) = split(class, now, inner);
            column(frame, words, slide(class, now), theme);
            if let Some((at, shown)) = figure {
                figure_panel::draw(frame, at, &shown, theme);
            }
        }
    }
    if let Some(Overlay::ConfirmQuit { .. }) = class.overlay {
        confirm_quit(frame, area, theme);
    }
}

/// The words keep at least this many columns beside the figure; the figure takes at most
/// this share of the width, in percent.
const WORDS_MIN: u16 = 48;
const FIGURE_SHARE: u16 = 42;

/// Where the slide's words go and, on an exercise's slides, where its figure goes and what
/// it shows: as tall as the screen, beside the words.
pub(crate) fn split(class: &Class, now: Instant, area: Rect) -> (Rect, Option<(Rect, Shown<'_>)>) {
    let on_exercise = class.stage == Stage::Running
        && !matches!(class.overlay, Some(Overlay::RedFlags { .. }))
        && class
            .engine
            .phase()
            .is_some_and(|p| p.kind != PhaseKind::CheckIn);
    let shown = figure_panel::shown(&class.engine, now, false).filter(|_| on_exercise);
    let (words, at) = figure_panel::split(area, shown.map(|s| s.figure), FIGURE_SHARE, |w| {
        w >= WORDS_MIN
    });
    (words, at.zip(shown))
}

/// The parts of whatever the room sees now.
pub(crate) fn slide(class: &Class, now: Instant) -> Vec<Part> {
    let theme = &class.theme;
    let mut parts = Vec::new();
    for banner in class.journal_error.iter().chain(&class.notice) {
        parts.push(Part::Words(Words::plain(Line::styled(
            format!("⚠ {}", clean_line(banner)),
            theme.banner,
        ))));
    }
    match (class.overlay, class.stage, class.engine.phase()) {
        (Some(Overlay::RedFlags { .. }), ..) => {
            red_flags(&mut parts, class, keys::footer(&class.keys(), theme), theme)
        }
        (_, Stage::Welcome, _) => welcome(&mut parts, class, now, theme),
        (_, Stage::Running, Some(p)) if p.kind == PhaseKind::CheckIn => {
            check_in(&mut parts, class, p, now, theme)
        }
        (_, Stage::Running, Some(p)) => exercise(&mut parts, class, p, now, theme),
        _ => finished(&mut parts, class, now, theme),
    }
    parts
}

/// The progress bar, the safety line and the instructor's keys of the moment, at the foot of
/// every slide.
fn foot(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    let keys = keys::footer(&class.keys(), theme);
    foot_with(parts, class, Some(now), keys, theme);
}

/// `foot` with the progress bar only when `now` is given, and these keys.
fn foot_with(
    parts: &mut Vec<Part>,
    class: &Class,
    now: Option<Instant>,
    keys: Line<'static>,
    theme: &Theme,
) {
    let e = &class.engine;
    if class.stage == Stage::Running
        && let Some(now) = now
        && let Some(p) = e.phase()
    {
        let plan = e.plan();
        let total = plan.secs_from(0).max(1);
        let left = e.session_left(now).as_secs() as u32;
        let label = format!(
            "Exercise {} of {} - {} min left",
            p.exercise + 1,
            plan.exercises.len(),
            left.div_ceil(60)
        );
        parts.push(Part::Words(Words::big(&label, theme.text, 3, 1)));
        parts.push(Part::Bar(
            f64::from(total.saturating_sub(left)) / f64::from(total),
        ));
    }
    parts.push(Part::Words(Words::sentence(
        safety::CLASS_SAFETY_LINE,
        theme.accent,
        9,
        3,
    )));
    let mut hint = Words::plain(keys);
    // The room sees a clean screen: the instructor's keys only while the class is paused.
    hint.hidden = class.stage == Stage::Running && !e.is_paused() && class.overlay.is_none();
    parts.push(Part::Words(hint));
}

fn welcome(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    let plan = class.engine.plan();
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big(&plan.program, theme.title, 30, 3)));
    let about = format!(
        "Session {} - about {} min - {} exercises",
        clean_line(&plan.session),
        plan.secs_from(0).div_ceil(60),
        plan.exercises.len()
    );
    parts.push(Part::Words(Words::sentence(&about, theme.text, 8, 2)));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::sentence(
        safety::CLASS_BEFORE_START,
        theme.warn,
        20,
        4,
    )));
    parts.push(Part::Words(
        Words::plain(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim)).drop(1),
    ));
    parts.push(Part::Space);
    foot(parts, class, now, theme);
}

fn finished(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    let s = class.engine.summary();
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big(
        "Class complete. Well done!",
        theme.accent,
        35,
        3,
    )));
    parts.push(Part::Words(Words::sentence(
        &format!("{} exercises, {} sets done", s.exercises_done, s.sets_done),
        theme.text,
        6,
        2,
    )));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::sentence(
        safety::AFTER_CLASS,
        theme.text,
        15,
        4,
    )));
    parts.push(Part::Words(
        Words::plain(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim)).drop(1),
    ));
    parts.push(Part::Space);
    foot(parts, class, now, theme);
}

/// As long as the red-flag slide's key hint can be: the room its keys take.
const RED_FLAG_KEYS_ROOM: &str =
    "↑↓ see them all  q quit  any key back to the class (it stays paused)";

/// How each urgency heads its group on the red-flag slide.
fn group_heading(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "Emergency: call 999 / 112 / 911 now:",
        Urgency::Today => "Stop, and contact a doctor today:",
        Urgency::Soon => "Stop, and see a doctor within days:",
    }
}

/// A red flag as the room reads it (a fall is anyone's, not "I fell").
fn for_the_room(flag: &RedFlag) -> &'static str {
    if *flag == FALL {
        "A fall during the class, even without pain"
    } else {
        flag.symptom
    }
}

/// The red flags for everyone, grouped by urgency, and what to do. No flag is ever left out:
/// a window too small for them all scrolls (`scrolled_red_flags`).
fn red_flags(parts: &mut Vec<Part>, class: &Class, keys: Line<'static>, theme: &Theme) {
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big("Red flags", theme.warn, 30, 1)));
    parts.push(Part::Words(Words::sentence(
        safety::CLASS_RED_FLAGS,
        theme.text,
        20,
        2,
    )));
    parts.push(Part::Space);
    let mut flags = Vec::new();
    let mut group = None;
    for f in &RED_FLAGS {
        if group != Some(f.urgency) {
            group = Some(f.urgency);
            let heading = group_heading(f.urgency);
            let style = theme.warn.add_modifier(Modifier::BOLD);
            flags.push((heading.to_owned(), style, Line::styled(heading, style)));
        }
        let words = for_the_room(f);
        flags.push((
            format!("  {words}"),
            theme.text,
            Line::from(vec![
                Span::styled("  • ", theme.accent),
                Span::styled(words, theme.text),
            ]),
        ));
    }
    parts.push(Part::Words(Words::list(flags, 15, 4)));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::plain(Line::styled(
        safety::STOP_AND_REST,
        theme.text.add_modifier(Modifier::BOLD),
    ))));
    parts.push(Part::Words(
        Words::plain(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim)).drop(1),
    ));
    parts.push(Part::Space);
    foot_with(parts, class, None, keys, theme);
}

/// Where the slides are drawn: the window less a column each side.
fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// The red-flag slide's lines, every one of them, at `width`.
fn red_flag_lines(class: &Class, width: u16) -> Vec<Line<'static>> {
    let mut parts = Vec::new();
    red_flags(&mut parts, class, Line::raw(""), &class.theme);
    arrange(parts, width, u16::MAX)
        .into_iter()
        .filter_map(|p| match p.part {
            Part::Words(w) if !w.hidden => Some(p.wrapped),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Whether the red flags do not all fit `area`.
fn red_flags_overflow(class: &Class, area: Rect) -> bool {
    let mut parts = Vec::new();
    // The keys' rows are those of the longest hint they can have: which keys there are
    // depends on whether the flags fit, which is what is measured here.
    red_flags(
        &mut parts,
        class,
        Line::raw(RED_FLAG_KEYS_ROOM),
        &class.theme,
    );
    let placed = arrange(parts, area.width, area.height);
    placed.iter().map(|p| p.rows).sum::<u16>() > area.height
}

/// How far the red flags can scroll in `area`: their rows beyond its own.
fn red_flags_scroll_max(class: &Class, area: Rect) -> u16 {
    let rows = red_flag_lines(class, area.width).len() as u16;
    // The window less the "more" line and up to two rows of keys.
    rows.saturating_sub(area.height.saturating_sub(3))
}

/// The red flags in a window too small for them all: every line, plain, scrolled `scroll`
/// rows down, with a line saying there is more and the instructor's keys under them.
fn scrolled_red_flags(frame: &mut Frame, area: Rect, class: &Class, top: u16, theme: &Theme) {
    let lines = red_flag_lines(class, area.width);
    let keys_line = keys::footer(&class.keys(), theme);
    let key_rows = (keys_line.width() as u16)
        .div_ceil(area.width.max(1))
        .clamp(1, 2);
    let room = area.height.saturating_sub(1 + key_rows);
    let more = match (top > 0, top + room < lines.len() as u16) {
        (true, true) => "↑↓ more above and below",
        (false, true) => "↓ more below: ↓ to see every red flag",
        (true, false) => "↑ more above",
        (false, false) => "",
    };
    let [list, hint, keys] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(room),
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(key_rows),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines).scroll((top, 0)), list);
    frame.render_widget(
        Paragraph::new(Line::styled(more, theme.warn)).alignment(Alignment::Center),
        hint,
    );
    frame.render_widget(
        Paragraph::new(keys_line)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        keys,
    );
}

/// What a check-in means for the room, on the 0-10 scale: what each answer is and what to do.
fn feelings(theme: &Theme) -> Vec<(String, Style, Line<'static>)> {
    [
        (
            "0-3, a dull ache in the muscles that worked: normal, carry on",
            false,
        ),
        ("4-5, dull soreness: go gently, do not push harder", false),
        (
            "Sharp pain, above 5, or back or joint pain above 3: STOP and tell the instructor",
            true,
        ),
        (
            "Sharp or sudden back pain: STOP, tell the instructor: a red flag",
            true,
        ),
    ]
    .into_iter()
    .map(|(text, stop)| {
        let style = if stop { theme.warn } else { theme.text };
        let mark = if stop { "✗ " } else { "• " };
        let line = Line::from(vec![
            Span::styled(mark, style.add_modifier(Modifier::BOLD)),
            Span::styled(text, style),
        ]);
        (text.to_owned(), style, line)
    })
    .collect()
}

fn status(class: &Class, p: &Phase, theme: &Theme) -> (String, Style) {
    let e = &class.engine;
    let d = e.exercise().map(|x| x.dose);
    let sets = d.map_or(1, |d| d.sets());
    let word = if e.is_paused() {
        format!("PAUSED - {}", phase_word(p.kind))
    } else {
        phase_word(p.kind).to_owned()
    };
    let mut text = match p.kind {
        PhaseKind::Rest => format!("{word} - Set {} of {sets} done", p.set),
        _ => format!("{word} - Set {} of {sets}", p.set),
    };
    if let Some(side) = p.side {
        text.push_str(&format!(" - {}", side.label()));
    }
    let style = if e.is_paused() {
        theme.warn
    } else {
        theme.countdown(p.kind)
    };
    (text, style.add_modifier(Modifier::BOLD))
}

fn next_words(class: &Class) -> String {
    match class.engine.next_exercise() {
        Some(n) => format!("Next: {}", clean_line(&n.exercise.name)),
        None => "Next: the end of the class".into(),
    }
}

fn exercise(parts: &mut Vec<Part>, class: &Class, p: &Phase, now: Instant, theme: &Theme) {
    let e = &class.engine;
    let Some(planned) = e.exercise() else { return };
    let d = planned.dose;
    let ex = &planned.exercise;
    let (status, status_style) = status(class, p, theme);
    parts.push(Part::Words(Words::big(&status, status_style, 10, 1)));
    parts.push(Part::Words(Words::big(&ex.name, theme.title, 22, 3)));
    parts.push(Part::Space);
    let count_style = if e.is_paused() {
        theme.dim
    } else {
        theme.countdown(p.kind)
    };
    let count = match (e.shown_secs(now), p.kind) {
        (Some(s), _) => Some(countdown_text(s)),
        (None, PhaseKind::Work) => d.reps().map(|r| format!("x{r}")),
        _ => None,
    };
    if let Some(count) = count {
        let min = p
            .secs
            .map_or(0, |s| countdown_text(s).chars().count() as u16);
        parts.push(Part::Words(
            Words::big(&count, count_style, 40, 1).min_chars(min),
        ));
    }
    let pace = match (p.kind, e.pace(now), d.reps()) {
        (PhaseKind::Work, Some(pace), _) => Some(format!(
            "{} {} - {}",
            pace.word.to_lowercase(),
            pace.stage_left,
            pace.count_label().to_lowercase()
        )),
        (PhaseKind::Work, None, Some(r)) if p.secs.is_none() => {
            Some(format!("{r} reps at your own pace"))
        }
        (PhaseKind::GetReady, ..) => Some(format!("Coming up: {}", d.describe())),
        _ => None,
    };
    if let Some(pace) = pace {
        parts.push(Part::Words(Words::big(&pace, theme.accent, 8, 2)));
    }
    parts.push(Part::Space);
    for (i, cue) in ex.cues.iter().take(2).enumerate() {
        let mut w = Words::sentence(cue, theme.text, 6, 2).drop(3 - i as u8);
        w.plain = vec![
            Line::from(vec![
                Span::styled("• ", theme.accent),
                Span::styled(
                    clean_line(cue).into_owned(),
                    theme.text.add_modifier(Modifier::BOLD),
                ),
            ])
            .alignment(Alignment::Center),
        ];
        parts.push(Part::Words(w));
    }
    if let Some(caution) = &ex.caution {
        let mut w = Words::sentence(&format!("Caution: {caution}"), theme.warn, 7, 2).drop(1);
        w.plain = vec![
            Line::from(vec![
                Span::styled("Caution: ", theme.warn.add_modifier(Modifier::BOLD)),
                Span::styled(clean_line(caution).into_owned(), theme.text),
            ])
            .alignment(Alignment::Center),
        ];
        parts.push(Part::Words(w));
    }
    parts.push(Part::Space);
    parts.push(Part::Words(Words::sentence(
        &next_words(class),
        theme.text,
        5,
        2,
    )));
    foot(parts, class, now, theme);
}

fn check_in(parts: &mut Vec<Part>, class: &Class, p: &Phase, now: Instant, theme: &Theme) {
    let e = &class.engine;
    let name = e.exercise().map_or("that", |x| x.exercise.name.as_str());
    let word = if e.is_paused() {
        "PAUSED - CHECK-IN"
    } else {
        "CHECK-IN"
    };
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big(
        word,
        theme.countdown(p.kind).add_modifier(Modifier::BOLD),
        25,
        1,
    )));
    parts.push(Part::Words(Words::sentence(
        &format!("How did {} feel?", clean_line(name)),
        theme.title,
        20,
        3,
    )));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::list(feelings(theme), 20, 2)));
    parts.push(Part::Space);
    let next = match e.shown_secs(now) {
        Some(s) => format!("{} in {s} s", next_words(class)),
        None => next_words(class),
    };
    parts.push(Part::Words(Words::sentence(&next, theme.text, 8, 2)));
    foot(parts, class, now, theme);
}

fn confirm_quit(frame: &mut Frame, area: Rect, theme: &Theme) {
    // Its keys are at the foot of the slide, where the instructor's keys always are.
    let body = vec![
        Line::styled(
            "End the class now?",
            theme.text.add_modifier(Modifier::BOLD),
        ),
        Line::styled("What was done so far is recorded.", theme.dim),
    ];
    let rect = popup(area, 44, body.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(body).block(frame_block("Quit?".into(), theme)),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::common::paths::Paths;
    use crate::program::{Dose, Exercise, Library};
    use crate::training::plan::{ItemKey, Plan, Planned};
    use crate::training::runnable::Runnable;
    use crate::tui::class::column::arrange;

    /// Every exercise a bundled program can put on the screen, with the program's own.
    fn every_exercise() -> Vec<Exercise> {
        let mut all: Vec<Exercise> = Library::bundled().exercises().to_vec();
        for b in crate::program::bundled::programs() {
            let runnable = Runnable::new(b.check().program.unwrap());
            for (_, item) in runnable.items() {
                let e = runnable.exercise(&item.exercise).unwrap();
                if !all.iter().any(|x| x.id == e.id) {
                    all.push(e.clone());
                }
            }
        }
        all
    }

    fn class_of(exercise: Exercise, dir: &std::path::Path, t0: Instant) -> Class {
        let dose = Dose::Reps {
            sets: 3,
            reps: 12,
            rest: 60,
            tempo: Some(4),
            per_side: true,
        };
        let planned = Planned {
            key: ItemKey::new("A", "B", &exercise.id),
            block: "B".into(),
            exercise,
            dose,
            level: 0,
        };
        let plan = Plan::from_exercises("Program", "A", 1, vec![planned.clone(), planned]);
        let paths = Paths {
            data: dir.join("data"),
            config: dir.join("config"),
        };
        let mut c = Class::new(plan, "test".into(), &paths, Theme::default(), true, t0);
        c.start(t0);
        c
    }

    const SIZES: [(u16, u16); 12] = [
        (80, 24),
        (100, 30),
        (120, 36),
        (160, 48),
        (200, 60),
        (240, 72),
        (320, 90),
        (400, 120),
        (80, 60),
        (400, 24),
        (137, 41),
        (500, 150),
    ];

    /// The column fits the screen, and the exercise's name is all there: in big glyphs that
    /// fit the width, or as plain text wrapped to it.
    fn assert_whole(class: &Class, now: Instant, name: &str, w: u16, h: u16) {
        let (words, _) = split(class, now, Rect::new(1, 0, w - 2, h));
        let placed = arrange(slide(class, now), words.width, h);
        let rows: u16 = placed.iter().map(|p| p.rows).sum();
        assert!(rows <= h, "{name} at {w}x{h}: {rows} rows");
        let upper = clean_line(name).to_uppercase();
        let mut seen = false;
        for p in &placed {
            let Part::Words(words) = &p.part else {
                continue;
            };
            match &p.big {
                Some(b) => {
                    assert!(b.width() <= w - 2, "{name} at {w}x{h}: {:?}", b.lines);
                    assert_eq!(b.height(), p.rows);
                }
                None => {
                    for l in &p.wrapped {
                        assert!(l.width() <= usize::from(w - 2), "{name} at {w}x{h}: {l}");
                    }
                }
            }
            if words.big.first().is_some_and(|(t, _)| t.contains(&upper)) {
                seen = true;
                let shown = match &p.big {
                    Some(b) => b.lines.join(" "),
                    None => p
                        .wrapped
                        .iter()
                        .map(|l| l.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                let shown: Vec<&str> = shown.split_whitespace().collect();
                let shown = shown.join(" ").to_uppercase();
                assert!(
                    shown.contains(&upper),
                    "{name} at {w}x{h}: shown as {shown}"
                );
            }
        }
        assert!(seen, "{name} at {w}x{h}: the name was left out");
        if (w, h) == (80, 24) {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| draw(f, class, now)).unwrap();
        }
    }

    /// The text on screen, one string, spaces collapsed.
    fn seen(class: &Class, now: Instant, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, class, now)).unwrap();
        // The backend writes each row in quotes.
        let text = t.backend().to_string().replace('"', " ");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn no_red_flag_is_ever_dropped_at_any_size() {
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        let ex = Library::bundled().get("sit-to-stand").unwrap().clone();
        let mut c = class_of(ex, dir.path(), t0);
        c.act(crate::tui::class::Action::RedFlags, t0);
        let sizes = [(60, 18), (64, 20), (70, 22), (80, 24), (90, 27)];
        for (w, h) in sizes.into_iter().chain(SIZES) {
            let first = seen(&c, t0, w, h);
            let fits = c.red_flags_scroll.get().is_none();
            assert!(fits || w < 100, "{w}x{h} is big enough for them all");
            assert!(
                !fits || (w, h) != (60, 18),
                "60x18 is too small: it scrolls"
            );
            if fits {
                // Everything is laid out within the window (big or plain).
                let placed = arrange(slide(&c, t0), w - 2, h);
                let rows: u16 = placed.iter().map(|p| p.rows).sum();
                assert!(rows <= h, "{w}x{h}: {rows} rows");
                let list = placed
                    .iter()
                    .find(|p| matches!(&p.part, Part::Words(x) if x.big.len() > 9))
                    .expect("the list is there");
                if list.big.is_none() {
                    for f in &RED_FLAGS {
                        assert!(first.contains(for_the_room(f)), "{w}x{h}: {first}");
                    }
                }
                continue;
            }
            // It scrolls: the keys say so, and scrolling down shows every flag.
            assert!(first.contains("more below"), "{w}x{h}: {first}");
            assert!(first.contains("see them all"), "{w}x{h}: {first}");
            let mut all = first;
            for _ in 0..40 {
                c.act(crate::tui::class::Action::ScrollDown, t0);
                all.push(' ');
                all.push_str(&seen(&c, t0, w, h));
            }
            for f in &RED_FLAGS {
                assert!(
                    all.contains(for_the_room(f)),
                    "{w}x{h}: {} missing",
                    f.symptom
                );
            }
            assert!(all.contains(safety::NOT_A_DIAGNOSIS), "{w}x{h}");
            c.overlay = Some(Overlay::RedFlags { scroll: 0 });
        }
    }

    #[test]
    fn no_exercise_name_is_cut_at_any_size() {
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        for exercise in every_exercise() {
            let name = exercise.name.clone();
            let mut c = class_of(exercise, dir.path(), t0);
            // Work, set 1, left side.
            let now = t0 + Duration::from_millis(10_500);
            c.tick(now);
            assert_eq!(c.engine.phase().unwrap().kind, PhaseKind::Work);
            for (w, h) in SIZES {
                assert_whole(&c, now, &name, w, h);
            }
            // Paused, with the key hint.
            c.engine.pause(now);
            assert_whole(&c, now, &name, 80, 24);
            c.engine.resume(now);
            // The check-in slide after the last set.
            let at = c
                .engine
                .plan()
                .phases
                .iter()
                .position(|p| p.kind == PhaseKind::CheckIn);
            let secs: u32 = c.engine.plan().phases[..at.unwrap()]
                .iter()
                .filter_map(|p| p.secs)
                .sum();
            let now = t0 + Duration::from_secs(u64::from(secs) + 1);
            c.tick(now);
            assert_eq!(c.engine.phase().unwrap().kind, PhaseKind::CheckIn);
            for (w, h) in SIZES {
                assert_whole(&c, now, &name, w, h);
            }
        }
    }

    /// No key means two things in any of the class's key tables.
    fn unambiguous(c: &Class, state: &str) {
        let mut seen = std::collections::HashSet::new();
        for b in c.keys().iter().filter(|b| b.enabled) {
            for (code, _) in &b.keys {
                assert!(seen.insert(*code), "{state}: {code:?} is bound twice");
            }
        }
    }

    #[test]
    fn every_class_key_table_is_unambiguous() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        let mut c = class_of(Library::bundled().exercises()[0].clone(), dir.path(), t0);
        let press = |c: &mut Class, code: KeyCode| {
            c.key(KeyEvent::new(code, KeyModifiers::NONE), t0);
        };
        unambiguous(&c, "running");
        press(&mut c, KeyCode::Char(' '));
        unambiguous(&c, "paused");
        press(&mut c, KeyCode::Char('!'));
        unambiguous(&c, "red flags");
        press(&mut c, KeyCode::Char('x'));
        assert!(c.overlay.is_none(), "any key goes back to the class");
        press(&mut c, KeyCode::Char('q'));
        unambiguous(&c, "quit?");
        press(&mut c, KeyCode::Esc);
        c.stage = Stage::Finished;
        unambiguous(&c, "finished");
        c.stage = Stage::Welcome;
        unambiguous(&c, "welcome");
    }
}
