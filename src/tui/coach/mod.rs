//! The personal coach: the screen on show, the dialog over it, and what every screen shares
//! (`shared`). Each screen owns its state, its key table, what its keys do and its drawing, in
//! a module of its own that knows nothing of this one; this module routes between them. It
//! asks the screen (or the dialog) in focus for its key table, and uses that one table to
//! dispatch a key, to write the footer and to fill the help; a screen's `act` says where to go
//! next, and this module goes there. Every method takes `now`, so tests drive the coach with a
//! fake clock.
//!
//! A new screen: a module with its state, `keys`, `act` and `draw`; a `Screen` variant; an
//! `Action` variant; one arm in `screen_keys`, `act` and `draw`.

pub mod advice;
pub mod assess;
pub mod check_in;
pub mod help;
pub mod history;
pub mod home;
pub mod overlay;
pub mod readiness;
pub mod red_flags;
pub mod session;
pub mod session_draw;
pub mod shared;

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use self::advice::Advice;
use self::assess::Assessing;
use self::history::HistoryView;
pub use self::overlay::Overlay;
use self::readiness::Readiness;
use self::session::Run;
use self::shared::Shared;
use crate::audio::Hearing;
use crate::common::paths::Paths;
use crate::common::text::clean_line;
use crate::program::sources::Entry;
use crate::records::journal::Event;
use crate::training::Engine;
use crate::tui::clock::Wall;
use crate::tui::figure_panel;
use crate::tui::keys::{self, Binding};
use crate::tui::widgets::{MIN_HEIGHT, MIN_WIDTH, fill, too_small, with_footer, wrap_line};

/// What the person is looking at.
#[derive(Debug)]
pub enum Screen {
    Home,
    Readiness(Readiness),
    Session(Run),
    /// The session stopped for safety: advice to read, then home or quit.
    Stopped(Advice),
    Summary(Run),
    /// Sessions per week, check-ins, levels and the weekly dose.
    History(Box<HistoryView>),
    /// An assessment: the tests of strength and balance, one by one.
    Assess(Box<Assessing>),
}

/// Every action of every screen and dialog: a key table's entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Home(home::Action),
    Readiness(readiness::Action),
    Session(session::Action),
    /// The advice and the summary: back home (or out).
    Leave,
    History(history::Action),
    Assess(assess::Action),
    CloseHelp,
    Quit(session::QuitAction),
    CheckIn(check_in::Action),
    Pain(check_in::PainAction),
    RedFlags(red_flags::Action),
    /// The red flags, from any screen or dialog.
    OpenRedFlags,
    /// Quit, from any screen or dialog: a session asks first.
    AskQuit,
}

/// Everything the coach holds.
pub struct App {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The check-in (or the advice after pain) the red flags opened over: back to it when
    /// none is ticked, so an answer half given is not lost.
    pub behind: Option<Overlay>,
    pub shared: Shared,
    pub quit: bool,
}

impl App {
    /// The coach on the system's clock and time zone.
    pub fn new(programs: Vec<Entry>, paths: Paths, quiet: bool, seed: Option<u64>) -> App {
        App::with_wall(programs, paths, quiet, seed, Wall::system())
    }

    /// The coach on the wall clock `wall` (tests fix the time and the zone).
    pub fn with_wall(
        programs: Vec<Entry>,
        paths: Paths,
        quiet: bool,
        seed: Option<u64>,
        wall: Wall,
    ) -> App {
        App {
            screen: Screen::Home,
            overlay: None,
            behind: None,
            shared: Shared::new(programs, paths, quiet, seed, wall),
            quit: false,
        }
    }

    /// Starts the readiness check for the selected program and session (nothing happens for a
    /// program that cannot run).
    pub fn start(&mut self, now: Instant) {
        if self.shared.read_only.is_some() {
            // Never two sessions on one journal: the other upright may be in one now.
            self.shared.notice = Some(
                "No session can start here while the other upright runs: start it there, or quit that one first. This one can show the history (h)."
                    .into(),
            );
            return;
        }
        if let Some(r) = readiness::start(&self.shared, now) {
            self.screen = Screen::Readiness(r);
        }
    }

    /// Opens the history screen.
    pub fn open_history(&mut self) {
        let view = HistoryView::new(&self.shared);
        self.screen = Screen::History(Box::new(view));
    }

    /// Opens an assessment: age and sex first when never asked, else the choice of tests. Not
    /// while another upright holds the journal: its results could not be saved.
    pub fn open_assessment(&mut self) {
        if self.shared.read_only.is_some() {
            self.shared.notice = Some(
                "No assessment can start here while the other upright runs: its results could not be saved. Do it there, or quit that one first."
                    .into(),
            );
            return;
        }
        self.screen = Screen::Assess(Box::new(Assessing::new(&self.shared)));
    }

    /// The next moment the screen changes by itself, if any. A test's time runs on under a
    /// dialog (a stand or a stance cannot wait), so it is woken for then too.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let engine = match &self.screen {
            Screen::Session(run) if self.overlay.is_none() => {
                let smooth = self.shared.settings.smooth_figure;
                let frame = figure_panel::next_frame(&run.engine, now, smooth);
                let change = run.engine.next_change(now);
                frame.into_iter().chain(change).min()
            }
            Screen::Assess(a) => a.next_wake(now),
            _ => None,
        };
        // Events that could not be written are tried again now and then.
        match (engine, self.shared.retry_at()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Moves the session (or the test being timed) on to `now` and records what happened.
    pub fn tick(&mut self, now: Instant) {
        if self.shared.retry_at().is_some_and(|at| at <= now) {
            self.shared.quiet_moment();
        }
        match &mut self.screen {
            Screen::Session(run) => {
                run.engine.tick(now);
            }
            Screen::Assess(a) => a.tick(&mut self.shared, now),
            _ => {}
        }
        self.after_engine();
    }

    /// The session on screen, running or just ended, for the cues to follow.
    pub fn engine_on_screen(&self) -> Option<&Engine> {
        match &self.screen {
            Screen::Session(run) | Screen::Summary(run) => Some(&run.engine),
            _ => None,
        }
    }

    /// What the person wants to hear.
    pub fn hearing(&self) -> Hearing {
        self.shared.hearing()
    }

    /// The terminal is `area` now: a session never runs where it cannot be seen, so below
    /// the smallest size it pauses (the screen asks for a larger window).
    pub fn fit(&mut self, area: Rect, now: Instant) {
        if too_small_for(area)
            && let Screen::Session(run) = &mut self.screen
        {
            run.engine.pause(now);
        }
    }

    /// Shows `text` in the banner until the next key.
    pub fn notice(&mut self, text: String) {
        self.shared.notice = Some(text);
    }

    /// What the engine did, done: its events recorded, the check-in opened when one is due,
    /// and the session screen left when the run has ended.
    fn after_engine(&mut self) {
        let Screen::Session(run) = &mut self.screen else {
            return;
        };
        let Some(end) = session::after_engine(run, &mut self.shared, &mut self.overlay) else {
            return;
        };
        let Screen::Session(run) = std::mem::replace(&mut self.screen, Screen::Home) else {
            return;
        };
        self.screen = match end {
            session::End::Summary => Screen::Summary(run),
            session::End::Stopped(advice) => Screen::Stopped(advice),
        };
        self.shared.quiet_moment();
    }

    /// The key table of the screen, without any dialog over it. `area` is where it is drawn:
    /// it decides only what the footer has room to mention, never what a key does.
    fn screen_keys(&self, area: Rect) -> Vec<Binding<Action>> {
        let shared = &self.shared;
        match &self.screen {
            Screen::Home => map(home::keys(shared), Action::Home),
            Screen::Readiness(r) => map(readiness::keys(r), Action::Readiness),
            Screen::Session(run) => map(session::keys(run, shared), Action::Session),
            Screen::Stopped(_) | Screen::Summary(_) => {
                map(advice::keys(shared.direct), |()| Action::Leave)
            }
            Screen::History(view) => map(history::keys(view, shared.direct, area), Action::History),
            Screen::Assess(a) => map(assess::keys(a), Action::Assess),
        }
    }

    /// The key table in focus: the dialog's when one is open, else the screen's; with `!` for
    /// the red flags and `q` to quit wherever the table does not use them itself, so both are
    /// reachable from every screen and dialog.
    pub fn key_table(&self, area: Rect) -> Vec<Binding<Action>> {
        let mut table = match &self.overlay {
            None => self.screen_keys(area),
            Some(Overlay::Help) => map(help::keys(), |()| Action::CloseHelp),
            Some(Overlay::ConfirmQuit) => map(session::quit_keys(), Action::Quit),
            Some(Overlay::CheckIn(c)) => map(check_in::keys(c), Action::CheckIn),
            Some(Overlay::Pain(_)) => map(check_in::pain_keys(), Action::Pain),
            Some(Overlay::RedFlags(r)) => return map(red_flags::keys(r), Action::RedFlags),
        };
        let taken = |code: KeyCode| table.iter().any(|b| b.keys.iter().any(|(c, _)| *c == code));
        let red_flags = !taken(KeyCode::Char('!'));
        let quit = !taken(KeyCode::Char('q'));
        if red_flags {
            table.push(
                keys::bind("!", "red flag", Action::OpenRedFlags, &[KeyCode::Char('!')])
                    .help("red flags: symptoms that need care"),
            );
        }
        if quit {
            table.push(
                keys::bind("q", "quit", Action::AskQuit, &[KeyCode::Char('q')])
                    .help("quit (a session asks first)"),
            );
        }
        table
    }

    /// One key press: looked up in the key table in focus, and done.
    pub fn key(&mut self, key: KeyEvent, now: Instant) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.interrupt();
            return;
        }
        self.shared.notice = None;
        if let Some(action) = keys::action(&self.key_table(Rect::ZERO), &key) {
            self.act(action, now);
        }
        self.after_engine();
    }

    /// Does `action`: the screen or dialog it belongs to changes itself and says where to go.
    fn act(&mut self, action: Action, now: Instant) {
        let shared = &mut self.shared;
        let engine = match &mut self.screen {
            Screen::Session(run) => Some(&mut run.engine),
            _ => None,
        };
        match action {
            Action::Home(a) => match home::act(shared, a) {
                home::Go::Stay => {}
                home::Go::Start => self.start(now),
                home::Go::History => self.open_history(),
                home::Go::Assess => self.open_assessment(),
                home::Go::Help => self.overlay = Some(Overlay::Help),
                home::Go::Quit => self.quit = true,
            },
            Action::Readiness(a) => {
                let Screen::Readiness(r) = &mut self.screen else {
                    return;
                };
                match readiness::act(r, shared, a, now) {
                    readiness::Go::Stay => {}
                    readiness::Go::Leave => self.leave(),
                    readiness::Go::Stopped(advice) => self.screen = Screen::Stopped(advice),
                    readiness::Go::Begin => {
                        if let Screen::Readiness(r) =
                            std::mem::replace(&mut self.screen, Screen::Home)
                        {
                            let run = readiness::begin(r, &mut self.shared, now);
                            self.screen = Screen::Session(run);
                        }
                    }
                }
            }
            Action::Session(a) => {
                let Screen::Session(run) = &mut self.screen else {
                    return;
                };
                if let Some(overlay) = session::act(run, shared, a, now) {
                    self.overlay = Some(overlay);
                }
            }
            Action::Leave => self.leave(),
            Action::History(a) => {
                if let Screen::History(view) = &mut self.screen
                    && history::act(view, a) == history::Go::Leave
                {
                    self.leave();
                }
            }
            Action::Assess(action) => {
                let Screen::Assess(a) = &mut self.screen else {
                    return;
                };
                match assess::act(a, shared, action, now) {
                    assess::Go::Stay => {}
                    assess::Go::RedFlags => {
                        self.overlay = Some(Overlay::RedFlags(red_flags::RedFlags::new()))
                    }
                    assess::Go::Fell => {
                        self.overlay = Some(Overlay::RedFlags(red_flags::RedFlags::fell()))
                    }
                    assess::Go::AskQuit => self.overlay = Some(Overlay::ConfirmQuit),
                    assess::Go::Help => self.overlay = Some(Overlay::Help),
                    assess::Go::Leave => self.leave(),
                }
            }
            Action::CloseHelp => self.close_overlay(now),
            Action::Quit(a) => {
                let leave = engine.is_none() && a == session::QuitAction::End;
                session::quit_act(engine, a, now);
                self.overlay = None;
                if leave {
                    self.leave();
                }
            }
            Action::CheckIn(a) => {
                let Some(Overlay::CheckIn(c)) = &mut self.overlay else {
                    return;
                };
                match check_in::act(c, engine, shared, a, now) {
                    check_in::Go::Stay => {}
                    check_in::Go::Close => self.overlay = None,
                    check_in::Go::Pain(p) => self.overlay = Some(Overlay::Pain(p)),
                }
            }
            Action::Pain(a) => {
                check_in::pain_act(engine, a, now);
                self.overlay = None;
            }
            Action::RedFlags(a) => {
                let Some(Overlay::RedFlags(r)) = &mut self.overlay else {
                    return;
                };
                // Back to a check-in, the session stays paused.
                let engine = engine.filter(|_| self.behind.is_none());
                match red_flags::act(r, engine, a, now) {
                    red_flags::Go::Stay => {}
                    red_flags::Go::Close => self.overlay = self.behind.take(),
                    red_flags::Go::Stop(symptoms) => {
                        self.overlay = None;
                        self.behind = None;
                        self.red_flag(symptoms);
                    }
                }
            }
            Action::OpenRedFlags => {
                if let Some(e) = engine {
                    e.pause(now);
                }
                let below = self.overlay.take();
                self.behind = below.filter(|o| matches!(o, Overlay::CheckIn(_) | Overlay::Pain(_)));
                self.overlay = Some(Overlay::RedFlags(red_flags::RedFlags::new()));
            }
            Action::AskQuit => match engine {
                Some(e) => {
                    e.pause(now);
                    self.overlay = Some(Overlay::ConfirmQuit);
                }
                None => {
                    self.overlay = None;
                    self.leave();
                }
            },
        }
    }

    /// Red flags ticked: a session ends with them (its advice follows from the engine); on any
    /// other screen they are recorded (with the run about to start or just ended, if any) and
    /// the advice shown.
    fn red_flag(&mut self, symptoms: Vec<String>) {
        let run = match &mut self.screen {
            Screen::Session(run) => {
                run.engine.red_flag(symptoms);
                return;
            }
            Screen::Readiness(r) => Some(r.run.id),
            // In the assessment's run (a test being timed was stopped when the list opened);
            // no more tests today.
            Screen::Assess(a) => Some(a.run),
            Screen::Summary(run) => Some(run.id),
            _ => None,
        };
        let shared = &mut self.shared;
        let id = run.unwrap_or_else(|| shared.new_run_id());
        shared.record(id, Event::red_flag(symptoms.clone()));
        let saved = advice::saved_line(0, shared.run_unsaved(id), true);
        self.screen = Screen::Stopped(red_flags::advice(&symptoms, &saved));
    }

    /// Ctrl-C, SIGTERM, SIGHUP: end the run cleanly (recorded as quit) and leave.
    pub fn interrupt(&mut self) {
        if let Screen::Session(run) = &mut self.screen {
            session::interrupt(run, &mut self.shared);
        }
        self.shared.quiet_moment();
        self.quit = true;
    }

    /// Upright is ending: a last try at what could not be written, and the snapshot kept.
    /// Returns the events that never made it, for the exit message.
    pub fn finish(&mut self) -> &[crate::records::journal::Pending] {
        self.shared.quiet_moment();
        self.shared.unsaved()
    }

    /// Back to the home screen, or out when there is none.
    fn leave(&mut self) {
        self.shared.quiet_moment();
        if self.shared.direct {
            self.quit = true;
        } else {
            self.screen = Screen::Home;
            self.overlay = None;
            self.shared.refresh_levels();
        }
    }

    /// The running session's engine, if a session is on screen.
    fn engine(&mut self) -> Option<&mut Engine> {
        match &mut self.screen {
            Screen::Session(run) => Some(&mut run.engine),
            _ => None,
        }
    }

    /// Closes the dialog; a session goes on.
    fn close_overlay(&mut self, now: Instant) {
        self.overlay = None;
        if let Some(e) = self.engine() {
            e.resume(now);
        }
    }
}

/// A screen's key table as the app's.
fn map<A>(table: Vec<Binding<A>>, f: impl Fn(A) -> Action + Copy) -> Vec<Binding<Action>> {
    table.into_iter().map(|b| b.map(f)).collect()
}

fn too_small_for(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Draws the coach: the banners, the screen, its footer, and a dialog over it.
pub fn draw(frame: &mut Frame, app: &App, now: Instant) {
    let area = frame.area();
    let theme = app.shared.theme;
    fill(frame.buffer_mut(), area, theme.base);
    if too_small_for(area) {
        too_small(frame, area, &theme);
        if matches!(app.screen, Screen::Session(_)) {
            let last = Rect {
                y: area.bottom().saturating_sub(1),
                height: 1.min(area.height),
                ..area
            };
            frame.render_widget(
                Paragraph::new("The session is paused until then.")
                    .alignment(ratatui::layout::Alignment::Center)
                    .style(theme.text),
                last,
            );
        }
        return;
    }
    let shared = &app.shared;
    // Banners: the journal cannot be written (for as long as that lasts), and one-time notices.
    let banners: Vec<&String> = shared.journal_error.iter().chain(&shared.notice).collect();
    // Each banner wrapped to the width, three rows at most.
    let banner_lines: Vec<Line> = banners
        .iter()
        .flat_map(|b| {
            let line = Line::raw(format!(" ⚠ {}", clean_line(b)));
            wrap_line(&line, area.width, 0).into_iter().take(3)
        })
        .collect();
    let [banner, body] = Layout::vertical([
        Constraint::Length(banner_lines.len() as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(banner_lines).style(theme.banner), banner);
    let footer = keys::footer_rows(&app.key_table(body), body.width, &theme);
    let [screen, foot] = with_footer(body, &footer);
    match &app.screen {
        Screen::Home => home::draw(frame, screen, shared, &theme),
        Screen::Readiness(r) => readiness::draw(frame, screen, r, &theme),
        Screen::Session(run) => {
            let s = &shared.settings;
            session_draw::draw(
                frame,
                screen,
                run,
                now,
                s.large_text,
                s.smooth_figure,
                &theme,
            )
        }
        Screen::Stopped(advice) => advice::draw_advice(frame, screen, advice, &theme),
        Screen::Summary(run) => {
            let unsaved = shared.run_unsaved(run.id);
            advice::draw_summary(frame, screen, &run.engine, unsaved, &theme)
        }
        Screen::History(view) => history::draw(frame, screen, view, history::is_grid(body), &theme),
        Screen::Assess(a) => assess::draw(frame, screen, a, shared, now),
    }
    frame.render_widget(Paragraph::new(footer), foot);
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => {
            let notes: &[&str] = match app.screen {
                Screen::Home => &home::HELP_NOTES,
                Screen::Session(_) => &session::HELP_NOTES,
                Screen::Assess(_) => &assess::HELP_NOTES,
                _ => &[],
            };
            help::draw(frame, screen, &app.screen_keys(body), notes, &theme);
        }
        Some(Overlay::ConfirmQuit) => {
            let saved = !shared.anything_unsaved() && shared.journal_error.is_none();
            session::draw_quit(frame, screen, saved, &theme);
        }
        // Dialogs stay above the footer: the keys that work in them are always in view.
        Some(Overlay::CheckIn(c)) => check_in::draw(frame, screen, c, &theme),
        Some(Overlay::Pain(p)) => check_in::draw_pain(frame, screen, p, &theme),
        Some(Overlay::RedFlags(r)) => red_flags::draw(frame, screen, r, &theme),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod safety_tests;
