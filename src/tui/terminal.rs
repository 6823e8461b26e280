//! The terminal loop: sets the terminal up and restores it (on quit, panic, Ctrl-C and every
//! signal that ends a program, with the matching exit status), gives it back on Ctrl-Z and
//! takes it again after `fg` (`signals`), turns key presses into the shell's inputs, and sleeps
//! until the next visible change (a second boundary of a running countdown, a key, a resize, a
//! signal) or the next cue. It hands the cues due to the players first (`audio`), then draws
//! into ratatui's buffer and writes what looks different with the `paint::Painter` (a frame
//! after a key or a resize inside a synchronized update, so it never tears), in one write.

use std::io::{self, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;

use super::class::{self, Class};
use super::coach::{self, App, Screen};
use super::paint::Painter;
use super::signals::{self, Ending, Signal};
use crate::audio::{Audio, Hearing};
use crate::training::Engine;
use crate::training::cues::Cues;

/// What the terminal loop drives: the personal coach (`App`) and the class display both.
pub trait Shell {
    /// Moves on to `now` (deadlines passed).
    fn tick(&mut self, now: Instant);
    fn key(&mut self, key: ratatui::crossterm::event::KeyEvent, now: Instant);
    /// Ctrl-C, SIGTERM, SIGHUP: end cleanly.
    fn interrupt(&mut self);
    /// The next moment the screen changes by itself.
    fn next_wake(&self, now: Instant) -> Option<Instant>;
    fn draw(&self, frame: &mut ratatui::Frame, now: Instant);
    fn should_quit(&self) -> bool;
    /// The session on screen, for the cues to follow (`None` before and after one, and in
    /// a shell that runs no session).
    fn engine(&self) -> Option<&Engine> {
        None
    }
    /// What the person wants to hear now.
    fn hearing(&self) -> Hearing {
        Hearing::NOTHING
    }
    /// Shows `text` once (until the next key): a player not found, or failing. Only a shell
    /// that hears something is ever told anything.
    fn notice(&mut self, _text: String) {}
    /// The terminal's size now, before each tick.
    fn fit(&mut self, _area: ratatui::layout::Rect, _now: Instant) {}
    /// Job control stopped upright (as of `at`): pause whatever runs by itself, as Space
    /// does; whether anything was paused. Nothing, for a shell where nothing runs by itself.
    fn suspend(&mut self, _at: Instant) -> bool {
        false
    }
    /// The first key after a stop: go on with what `suspend` paused.
    fn wake(&mut self, _now: Instant) {}
}

impl Shell for App {
    fn tick(&mut self, now: Instant) {
        App::tick(self, now);
    }
    fn key(&mut self, key: ratatui::crossterm::event::KeyEvent, now: Instant) {
        App::key(self, key, now);
    }
    fn interrupt(&mut self) {
        App::interrupt(self);
    }
    fn next_wake(&self, now: Instant) -> Option<Instant> {
        App::next_wake(self, now)
    }
    fn draw(&self, frame: &mut ratatui::Frame, now: Instant) {
        coach::draw(frame, self, now);
    }
    fn should_quit(&self) -> bool {
        self.quit
    }
    fn engine(&self) -> Option<&Engine> {
        self.engine_on_screen()
    }
    fn hearing(&self) -> Hearing {
        App::hearing(self)
    }
    fn notice(&mut self, text: String) {
        App::notice(self, text);
    }
    fn fit(&mut self, area: ratatui::layout::Rect, now: Instant) {
        App::fit(self, area, now);
    }
    fn suspend(&mut self, at: Instant) -> bool {
        match &mut self.screen {
            Screen::Session(run) if !run.engine.is_paused() => {
                run.engine.pause(at);
                true
            }
            _ => false,
        }
    }
    fn wake(&mut self, now: Instant) {
        if let Screen::Session(run) = &mut self.screen {
            run.engine.resume(now);
        }
    }
}

impl Shell for Class {
    fn tick(&mut self, now: Instant) {
        Class::tick(self, now);
    }
    fn key(&mut self, key: ratatui::crossterm::event::KeyEvent, now: Instant) {
        Class::key(self, key, now);
    }
    fn interrupt(&mut self) {
        Class::interrupt(self);
    }
    fn next_wake(&self, now: Instant) -> Option<Instant> {
        Class::next_wake(self, now)
    }
    fn draw(&self, frame: &mut ratatui::Frame, now: Instant) {
        class::slides::draw(frame, self, now);
    }
    fn should_quit(&self) -> bool {
        self.quit
    }
    fn engine(&self) -> Option<&Engine> {
        self.engine_on_screen()
    }
    fn hearing(&self) -> Hearing {
        Class::hearing(self)
    }
    fn notice(&mut self, text: String) {
        self.notice = Some(text);
    }
    fn suspend(&mut self, at: Instant) -> bool {
        Class::suspend(self, at)
    }
    fn wake(&mut self, now: Instant) {
        Class::wake(self, now);
    }
}

#[derive(Debug)]
enum Msg {
    Term(TermEvent),
    Signal(Signal),
}

/// Takes the resizes waiting in `rx`; returns the first message that is not one, if any.
fn past_resizes(rx: &mpsc::Receiver<Msg>) -> Option<Msg> {
    loop {
        match rx.try_recv() {
            Ok(Msg::Term(TermEvent::Resize(..))) => {}
            Ok(other) => return Some(other),
            Err(_) => return None,
        }
    }
}

/// ratatui keeps a second buffer of the terminal's size for its own diff; the painter keeps
/// what is shown instead, so that one is given back (a frame is 48 bytes a cell: 0.6 MB at
/// 200x60).
fn drop_second_buffer<B: ratatui::backend::Backend>(terminal: &mut ratatui::Terminal<B>) {
    terminal.swap_buffers();
    *terminal.current_buffer_mut() = Buffer::empty(Rect::ZERO);
    terminal.swap_buffers();
}

/// Takes the terminal back after a stop (`signals::take_back` clears it): the painter starts
/// from a blank screen of the size it has now.
fn take_back(terminal: &mut ratatui::DefaultTerminal, painter: &mut Painter) -> io::Result<()> {
    let out = terminal.backend_mut();
    out.write_all(painter.reset_look())?;
    out.flush()?;
    signals::take_back(terminal)?;
    drop_second_buffer(terminal);
    painter.cleared(terminal.get_frame().area());
    Ok(())
}

/// Runs the app until it quits, or a signal ends it. The terminal is restored whatever
/// happens.
pub fn run(app: &mut impl Shell) -> io::Result<Ending> {
    let (tx, rx) = mpsc::channel();
    let signal_tx = tx.clone();
    let _listening = signals::listen(move |s| signal_tx.send(Msg::Signal(s)).is_ok())?;
    let mut terminal = ratatui::try_init()?;
    drop_second_buffer(&mut terminal);
    let mut painter = Painter::new(terminal.get_frame().area());
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let mut cues = Cues::default();
    let mut audio = Audio::new();
    let result = (|| -> io::Result<Ending> {
        // The cursor stays hidden: nothing on these screens is typed at it.
        terminal.hide_cursor()?;
        let mut dirty = true;
        let mut synchronized = true;
        let mut ending = Ending::Quit;
        // After a stop, until a key: whether the stop paused anything.
        let mut stopped: Option<bool> = None;
        // The SIGCONT of a stop upright made itself is still to come.
        let mut own_stop = false;
        let mut last_wake = Instant::now();
        // A message taken while skipping a storm of resizes, handled next.
        let mut held: Option<Msg> = None;
        loop {
            let now = Instant::now();
            app.fit(terminal.get_frame().area(), now);
            if stopped.is_none() {
                app.tick(now);
            }
            if app.should_quit() {
                return Ok(ending);
            }
            // Cues first: they are due now, and a frame takes a moment to draw.
            let hearing = app.hearing();
            audio.prepare(hearing);
            cues.set_options(hearing.options());
            if audio.play(&cues.due(app.engine(), now), hearing) {
                let out = terminal.backend_mut();
                out.write_all(b"\x07")?;
                out.flush()?;
            }
            if let Some(text) = audio.take_notice() {
                app.notice(text);
                dirty = true;
            }
            if dirty {
                // The size is known from the start and from resize events: asking the
                // terminal each frame would open, query and close it every second.
                terminal.current_buffer_mut().reset();
                let mut frame = terminal.get_frame();
                app.draw(&mut frame, now);
                if stopped.is_some() {
                    let area = frame.area();
                    let top = Rect {
                        height: area.height.min(1),
                        ..area
                    };
                    frame.render_widget(
                        Paragraph::new(signals::PAUSED_NOTE)
                            .alignment(Alignment::Center)
                            .style(Style::new().add_modifier(Modifier::REVERSED)),
                        top,
                    );
                }
                let bytes = painter.paint(terminal.current_buffer_mut());
                // A frame after a key or resize may change much of the screen: inside a
                // synchronized update so it never tears. A countdown's second changes a few
                // cells, and skips those 16 bytes.
                let out = terminal.backend_mut();
                if synchronized {
                    out.write_all(b"\x1b[?2026h")?;
                    out.write_all(bytes)?;
                    out.write_all(b"\x1b[?2026l")?;
                } else {
                    out.write_all(bytes)?;
                }
                out.flush()?;
                // Debug builds only: lets the terminal tests check that a panic still gives
                // the terminal back (the release build has no such switch).
                #[cfg(debug_assertions)]
                if std::env::var_os("UPRIGHT_TEST_PANIC").is_some() {
                    panic!("UPRIGHT_TEST_PANIC is set: panicking after the first frame");
                }
            }
            last_wake = now.max(last_wake);
            let wake = match (app.next_wake(now), cues.next_due(app.engine(), now)) {
                _ if stopped.is_some() => None,
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let msg = match held.take() {
                Some(m) => Some(m),
                None => match wake {
                    Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(m) => Some(m),
                        // Woken late: upright may have been stopped (SIGSTOP) and just
                        // continued. Its SIGCONT is on its way: take it before the countdown
                        // runs on, so the time stopped is not counted.
                        Err(RecvTimeoutError::Timeout) if Instant::now() > at + signals::LATE => {
                            rx.recv_timeout(signals::LATE).ok()
                        }
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(ending),
                    },
                    None => match rx.recv() {
                        Ok(m) => Some(m),
                        Err(_) => return Ok(ending),
                    },
                },
            };
            synchronized = msg.is_some();
            dirty = match msg {
                None => true,
                Some(Msg::Signal(Signal::End(n))) => {
                    ending = Ending::Signal(n);
                    app.interrupt();
                    true
                }
                Some(Msg::Signal(Signal::Stop)) => {
                    pause(&mut stopped, app, Instant::now());
                    signals::stop()?;
                    take_back(&mut terminal, &mut painter)?;
                    own_stop = true;
                    true
                }
                Some(Msg::Signal(Signal::Continue)) => {
                    if own_stop {
                        own_stop = false;
                    } else {
                        // Stopped without a word (SIGSTOP): what ran on by itself stops where
                        // it was last seen, and the terminal is set up again.
                        pause(&mut stopped, app, last_wake);
                        take_back(&mut terminal, &mut painter)?;
                    }
                    true
                }
                Some(Msg::Term(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => {
                    let interrupt = signals::is_interrupt_key(&k);
                    if signals::is_stop_key(&k) {
                        pause(&mut stopped, app, Instant::now());
                        signals::stop()?;
                        take_back(&mut terminal, &mut painter)?;
                        own_stop = true;
                    } else if let Some(paused) = stopped.take().filter(|_| !interrupt) {
                        if paused {
                            app.wake(Instant::now());
                        }
                    } else {
                        // Ctrl-C is a key in raw mode: each shell says what it does (the
                        // coach ends, the editor asks first); when it ends upright, it ends
                        // as SIGINT would.
                        app.key(k, Instant::now());
                        if interrupt && app.should_quit() {
                            ending = Ending::Signal(signal_hook::consts::SIGINT);
                        }
                    }
                    true
                }
                Some(Msg::Term(TermEvent::Resize(..))) => {
                    // A resize storm: take every resize already waiting, then draw once; the
                    // first other message is kept for the next turn, never dropped.
                    held = past_resizes(&rx);
                    // A new size clears the terminal, to blanks in the colours it writes with:
                    // its own.
                    let before = terminal.get_frame().area();
                    terminal.backend_mut().write_all(painter.reset_look())?;
                    terminal.autoresize()?;
                    let area = terminal.get_frame().area();
                    if area != before {
                        drop_second_buffer(&mut terminal);
                        painter.cleared(area);
                    }
                    true
                }
                Some(_) => false,
            };
        }
    })();
    // The terminal's own colours again before it is handed back.
    let _ = terminal.backend_mut().write_all(painter.reset_look());
    ratatui::restore();
    result
}

/// Pauses the app for a stop (once, however many stops come before the next key).
fn pause(stopped: &mut Option<bool>, app: &mut impl Shell, at: Instant) {
    if stopped.is_none() {
        *stopped = Some(app.suspend(at));
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    use super::*;

    #[test]
    fn a_storm_of_resizes_keeps_the_key_that_follows_it() {
        let (tx, rx) = mpsc::channel();
        for _ in 0..3 {
            tx.send(Msg::Term(TermEvent::Resize(80, 24))).unwrap();
        }
        let key = TermEvent::Key(KeyEvent::from(KeyCode::Char('!')));
        tx.send(Msg::Term(key.clone())).unwrap();
        tx.send(Msg::Signal(Signal::End(15))).unwrap();
        assert!(matches!(past_resizes(&rx), Some(Msg::Term(k)) if k == key));
        assert!(
            matches!(rx.try_recv(), Ok(Msg::Signal(_))),
            "the rest stays queued"
        );
        assert!(past_resizes(&rx).is_none());
    }
}
