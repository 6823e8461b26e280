//! The terminal loop: sets the terminal up and restores it (on quit, panic, Ctrl-C, SIGTERM and
//! SIGHUP), turns key presses into the shell's inputs, and sleeps until the next visible change
//! (a second boundary of a running countdown, a key, a resize, a signal) or the next cue. It
//! hands the cues due to the players first (`audio`), then draws, inside a synchronized update
//! so a frame never tears.

use std::io::{self, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::class::{self, Class};
use super::coach::{self, App};
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
}

#[derive(Debug)]
enum Msg {
    Term(TermEvent),
    Signal,
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

/// Runs the app until it quits. The terminal is restored whatever happens.
pub fn run(app: &mut impl Shell) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_tx = tx.clone();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signal_tx.send(Msg::Signal);
        }
    });
    let mut terminal = ratatui::try_init()?;
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let mut cues = Cues::default();
    let mut audio = Audio::new();
    let result = (|| -> io::Result<()> {
        let mut dirty = true;
        let mut synchronized = true;
        // A message taken while skipping a storm of resizes, handled next.
        let mut held: Option<Msg> = None;
        loop {
            let now = Instant::now();
            app.fit(terminal.get_frame().area(), now);
            app.tick(now);
            if app.should_quit() {
                return Ok(());
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
                // A frame after a key or resize may change much of the screen: draw it inside a
                // synchronized update so it never tears. A countdown's second changes a few
                // cells; it skips those 16 bytes, and the cursor (hidden once at start) is not
                // hidden again every frame.
                if synchronized {
                    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
                }
                // The size is known from the start and from resize events: asking the
                // terminal each frame would open, query and close it every second.
                let mut frame = terminal.get_frame();
                app.draw(&mut frame, now);
                terminal.flush()?;
                terminal.swap_buffers();
                if synchronized {
                    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
                }
                terminal.backend_mut().flush()?;
                // Debug builds only: lets the terminal tests check that a panic still gives
                // the terminal back (the release build has no such switch).
                #[cfg(debug_assertions)]
                if std::env::var_os("UPRIGHT_TEST_PANIC").is_some() {
                    panic!("UPRIGHT_TEST_PANIC is set: panicking after the first frame");
                }
            }
            let wake = match (app.next_wake(now), cues.next_due(app.engine(), now)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let msg = match held.take() {
                Some(m) => Some(m),
                None => match wake {
                    Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    },
                    None => match rx.recv() {
                        Ok(m) => Some(m),
                        Err(_) => return Ok(()),
                    },
                },
            };
            synchronized = msg.is_some();
            dirty = match msg {
                None => true,
                Some(Msg::Signal) => {
                    app.interrupt();
                    true
                }
                Some(Msg::Term(TermEvent::Key(k))) if k.kind == KeyEventKind::Press => {
                    app.key(k, Instant::now());
                    true
                }
                Some(Msg::Term(TermEvent::Resize(..))) => {
                    // A resize storm: take every resize already waiting, then draw once; the
                    // first other message is kept for the next turn, never dropped.
                    held = past_resizes(&rx);
                    terminal.autoresize()?;
                    true
                }
                Some(_) => false,
            };
        }
    })();
    ratatui::restore();
    result
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
        tx.send(Msg::Signal).unwrap();
        assert!(matches!(past_resizes(&rx), Some(Msg::Term(k)) if k == key));
        assert!(
            matches!(rx.try_recv(), Ok(Msg::Signal)),
            "the rest stays queued"
        );
        assert!(past_resizes(&rx).is_none());
    }
}
