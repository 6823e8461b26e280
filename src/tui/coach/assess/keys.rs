//! The assessment's key tables, one per step: what works on the age and sex, the choice, a
//! set-up, a test under way (by its phase), an entry, a result and the summary; the red flags
//! and quit on all of them, and pain, dizziness and a fall on a test under way.

use ratatui::crossterm::event::KeyCode;

use super::state::{Assessing, Step};
use crate::assess::Test;
use crate::assess::trial::Phase;
use crate::tui::keys::{Binding, bind, ch, digits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Digit(char),
    Erase,
    Female,
    Male,
    SaveAboutYou,
    SkipAboutYou,
    AskAboutYou,
    Up,
    Down,
    Toggle,
    All,
    Begin,
    Start,
    EnterInstead,
    Aid,
    SkipTest,
    Count,
    TakeBack,
    Arms,
    Lost,
    Pain,
    Dizzy,
    Fall,
    StopTest,
    Record,
    Back,
    Next,
    RedFlags,
    Help,
    Quit,
}

/// The red flags and quit: on every step.
fn always(table: &mut Vec<Binding<Action>>, timing: bool) {
    // While a test is timed the footer is for the test's own keys; `?` still works.
    let help = bind("?", "help", Action::Help, &[ch('?')]).help("this help");
    table.push(if timing { help.help_only() } else { help });
    table.push(
        bind("!", "red flag", Action::RedFlags, &[ch('!')])
            .help("red flags: symptoms that need care (stops the test)"),
    );
    table.push(
        bind("q", "quit", Action::Quit, &[ch('q')])
            .help("quit, after asking: every result so far is saved"),
    );
}

/// Scrolling a page that does not fit (only in the help: the page says when there is more).
fn scroll() -> Binding<Action> {
    bind("↑↓", "scroll", Action::Up, &[KeyCode::Up])
        .or(Action::Down, &[KeyCode::Down])
        .help("scroll the page when it does not fit")
        .help_only()
}

/// The walking aid of the timed up and go, said as it stands.
fn aid(a: &Assessing, test: Test) -> Binding<Action> {
    let now = if a.aid {
        "walking aid: yes"
    } else {
        "walking aid: no"
    };
    bind("w", now, Action::Aid, &[ch('w')])
        .help("timed up and go: with your usual walking aid, or without")
        .when(test == Test::TimedUpAndGo)
}

/// The stops of a test under way: pain, dizziness, a fall, or any other reason.
fn stops(table: &mut Vec<Binding<Action>>) {
    table.push(
        bind("p", "pain", Action::Pain, &[ch('p')])
            .help("pain: stop the test (and today's assessment)"),
    );
    table.push(
        bind("d", "dizzy", Action::Dizzy, &[ch('d')])
            .help("dizziness: stop the test (and today's assessment)"),
    );
    table.push(
        bind("f", "fell", Action::Fall, &[ch('f')])
            .help("a fall, or nearly: stop, then the red flags"),
    );
    table.push(
        bind("x", "stop", Action::StopTest, &[ch('x')])
            .help("stop this test for any other reason (what was done is kept)"),
    );
}

pub fn keys(a: &Assessing) -> Vec<Binding<Action>> {
    let mut t = Vec::new();
    match &a.step {
        Step::AboutYou(about) => {
            t.push(
                digits("age", 0, 9, |d| Action::Digit(char::from(b'0' + d)))
                    .help("type your age in years")
                    .help_only(),
            );
            t.push(
                bind("⌫", "erase", Action::Erase, &[KeyCode::Backspace])
                    .help_only()
                    .when(!about.age.is_empty()),
            );
            t.push(
                bind("f/m", "woman/man", Action::Female, &[ch('f')])
                    .or(Action::Male, &[ch('m')])
                    .help("f: a woman, m: a man (the published figures are by sex)"),
            );
            t.push(
                bind("Enter", "save", Action::SaveAboutYou, &[KeyCode::Enter])
                    .help("save (the norms need both; either may be left out)"),
            );
            t.push(
                bind("s", "skip", Action::SkipAboutYou, &[ch('s'), KeyCode::Esc])
                    .help("skip: no comparisons with the figures for your age (Esc too)"),
            );
        }
        Step::Choose => {
            t.push(
                bind("↑↓", "move", Action::Up, &[KeyCode::Up, ch('k')])
                    .or(Action::Down, &[KeyCode::Down, ch('j')])
                    .help("move through the tests"),
            );
            t.push(
                bind("Space", "tick", Action::Toggle, &[ch(' ')])
                    .help("do this test today, or not"),
            );
            t.push(bind("a", "all", Action::All, &[ch('a')]).help("choose every test, or none"));
            t.push(
                bind("Enter", "begin", Action::Begin, &[KeyCode::Enter])
                    .help("begin with the first test chosen")
                    .when(a.chosen.iter().any(|&c| c)),
            );
            t.push(
                bind("y", "age/sex", Action::AskAboutYou, &[ch('y')])
                    .help("your age and sex, for the norms"),
            );
        }
        Step::Setup(test) => {
            t.push(
                bind(
                    "Enter",
                    if test.needs_helper() {
                        "enter the result"
                    } else {
                        "start"
                    },
                    Action::Start,
                    &[KeyCode::Enter],
                )
                .help("start the test when you are set up (a measurement: enter it)"),
            );
            t.push(
                bind("e", "enter a result", Action::EnterInstead, &[ch('e')])
                    .help("enter the result of a test done without the timer")
                    .when(!test.needs_helper() && *test != Test::FourStageBalance),
            );
            t.push(aid(a, *test));
            t.push(
                bind("n", "skip test", Action::SkipTest, &[ch('n')]).help("skip this test today"),
            );
            t.push(scroll());
        }
        Step::Testing(trial) => {
            match trial.phase() {
                Phase::Counting { .. } => {
                    let what = if trial.test() == Test::TwoMinuteStep { "knee raise" } else { "stand" };
                    t.push(
                        bind("Space", what, Action::Count, &[ch(' '), KeyCode::Enter])
                            .help("count one (Enter too)"),
                    );
                    t.push(
                        bind("⌫", "take one back", Action::TakeBack, &[KeyCode::Backspace, ch('-')])
                            .help("take back the last one counted (- too)"),
                    );
                    t.push(
                        bind("a", "used arms", Action::Arms, &[ch('a')])
                            .help("the arms were needed to stand: the score is 0")
                            .when(trial.test() == Test::ChairStand),
                    );
                }
                Phase::Stopwatch { .. } => t.push(
                    bind("Enter", "sitting again: stop", Action::Lost, &[KeyCode::Enter, ch(' ')])
                        .help("stop the watch when you are sitting again (Space too)"),
                ),
                Phase::Holding { .. } => t.push(
                    bind(
                        "Space",
                        if trial.test() == Test::SingleLegStance { "foot down" } else { "lost it" },
                        Action::Lost,
                        &[ch(' '), KeyCode::Enter],
                    )
                    .help("the position was lost: a foot moved or touched down, or you held on (Enter too)"),
                ),
                Phase::Ready => t.push(
                    bind("Enter", "start", Action::Start, &[KeyCode::Enter])
                        .help("start the next stage or leg when you are ready"),
                ),
                Phase::Done => {}
            }
            stops(&mut t);
        }
        Step::Entry { trial, text, .. } => {
            t.push(
                digits("type", 0, 9, |d| Action::Digit(char::from(b'0' + d)))
                    .label("0-9 .")
                    .or(Action::Digit('.'), &[ch('.')])
                    .or(Action::Digit(','), &[ch(',')])
                    .help("type the result (a decimal point or comma for tenths)")
                    .help_only(),
            );
            t.push(
                bind("⌫", "erase", Action::Erase, &[KeyCode::Backspace])
                    .help_only()
                    .when(!text.is_empty()),
            );
            t.push(
                bind("Enter", "record", Action::Record, &[KeyCode::Enter])
                    .help("record this result")
                    .when(!text.is_empty()),
            );
            t.push(aid(a, trial.test()));
            t.push(
                bind("Esc", "back", Action::Back, &[KeyCode::Esc])
                    .help("back to the set-up, nothing recorded")
                    .when(trial.step() == 0),
            );
        }
        Step::Result { .. } => {
            let last = a.ended.is_some() || a.queue.is_empty();
            t.push(
                bind(
                    "Enter",
                    if last { "finish" } else { "next test" },
                    Action::Next,
                    &[KeyCode::Enter],
                )
                .help("on to the next test, or the summary at the end"),
            );
            t.push(scroll());
        }
        Step::Summary => {
            t.push(
                bind(
                    "Enter",
                    "done",
                    Action::Next,
                    &[KeyCode::Enter, KeyCode::Esc],
                )
                .help("leave the assessment (Esc too)"),
            );
            t.push(scroll());
        }
    }
    always(&mut t, matches!(a.step, Step::Testing(_)));
    t
}
