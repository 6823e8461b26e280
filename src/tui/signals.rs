//! Job control and signals for a full-screen loop (the coach, the class display, the program
//! editor): which signals stop, continue or end upright, giving the terminal back before a
//! stop and taking it again after, and the exit status a signal ends with (128 + its number,
//! the shells' convention: 130 SIGINT, 129 SIGHUP, 131 SIGQUIT, 143 SIGTERM).
//!
//! A loop `listen`s (signals arrive as messages on its own channel, beside key presses), and
//! on `Signal::Stop` (or a Ctrl-Z key, which raw mode delivers as a key) calls `stop`, which
//! returns once upright is continued; on `Signal::Continue` it calls `take_back` (a stop it
//! did not see, such as SIGSTOP, left the terminal as the shell set it). Either way it then
//! redraws and waits for a key before anything runs on by itself again.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPIPE, SIGPROF, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP,
    SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::{Handle, Signals};

/// Signals whose default is to end the process: upright ends cleanly on each, terminal given
/// back, with status 128 + the signal's number.
pub const ENDING: [i32; 11] = [
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF,
    SIGXCPU,
];

/// What a signal asks of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTSTP (`kill -TSTP`, or a Ctrl-Z outside raw mode): give the terminal back and stop.
    Stop,
    /// SIGCONT: upright goes on after a stop.
    Continue,
    /// A signal that ends upright.
    End(i32),
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal (or Ctrl-C, as SIGINT) ended it.
    Signal(i32),
}

impl Ending {
    /// The process exit status: 0, or 128 + the signal's number.
    pub fn status(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(n) => 128u8.saturating_add(u8::try_from(n).unwrap_or(127)),
        }
    }
}

/// Listening for signals, until dropped.
pub struct Listening {
    handle: Handle,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// Sends every signal that matters, as `wrap(signal)`, through `send` (until it returns
/// false). A file-size limit (SIGXFSZ) only makes the write fail (the journal keeps the event
/// and says so) instead of killing upright mid-session.
pub fn listen<F>(send: F) -> io::Result<Listening>
where
    F: Fn(Signal) -> bool + Send + 'static,
{
    signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
    let mut all = vec![SIGTSTP, SIGCONT];
    all.extend(ENDING);
    let mut signals = Signals::new(&all)?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for n in signals.forever() {
            let signal = match n {
                SIGTSTP => Signal::Stop,
                SIGCONT => Signal::Continue,
                n => Signal::End(n),
            };
            if !send(signal) {
                break;
            }
        }
    });
    Ok(Listening { handle })
}

/// Ctrl-Z in raw mode, where it is a key and not a signal.
pub fn is_stop_key(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('z')
}

/// Ctrl-C in raw mode: ends upright as SIGINT would.
pub fn is_interrupt_key(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c')
}

/// Gives the terminal back as it was before upright (main screen, cooked mode, cursor shown)
/// and stops upright as Ctrl-Z stops any program; returns once it is continued (`fg`).
pub fn stop() -> io::Result<()> {
    give_back()?;
    signal_hook::low_level::raise(SIGSTOP)?;
    Ok(())
}

/// The terminal as it was before upright: cooked mode, the main screen, the cursor shown.
pub fn give_back() -> io::Result<()> {
    let raw = disable_raw_mode();
    let mut out = io::stdout();
    execute!(out, LeaveAlternateScreen, Show)?;
    out.flush()?;
    raw
}

/// Takes the terminal again after a stop (whatever the shell did to it meanwhile): raw mode,
/// the alternate screen, no cursor, and everything drawn again at the next draw.
pub fn take_back(terminal: &mut DefaultTerminal) -> io::Result<()> {
    // Raw mode is only set when crossterm believes it is off, so switch it off first.
    let _ = disable_raw_mode();
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Hide,
        Clear(ClearType::All)
    )?;
    // A new terminal has no idea of what is on the screen, so the next draw draws it all
    // (`Terminal::clear` would ask the terminal where its cursor is, and the key reader
    // thread would swallow the answer).
    *terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// A wake this much later than asked for may be the first thing after a stop: the loop gives
/// the SIGCONT that far to arrive before anything runs on.
pub const LATE: std::time::Duration = std::time::Duration::from_millis(200);

/// The line shown over the screen after a stop, until a key is pressed.
pub const PAUSED_NOTE: &str = " Paused while upright was stopped: press any key to go on ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_statuses_follow_the_shells_convention() {
        assert_eq!(Ending::Quit.status(), 0);
        assert_eq!(Ending::Signal(SIGINT).status(), 130);
        assert_eq!(Ending::Signal(SIGHUP).status(), 129);
        assert_eq!(Ending::Signal(SIGQUIT).status(), 131);
        assert_eq!(Ending::Signal(SIGTERM).status(), 143);
        assert_eq!(Ending::Signal(SIGPIPE).status(), 141);
    }

    #[test]
    fn ctrl_z_and_ctrl_c_are_told_apart_from_letters() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert!(is_stop_key(&ctrl('z')) && !is_stop_key(&plain('z')));
        assert!(is_interrupt_key(&ctrl('c')) && !is_interrupt_key(&plain('c')));
    }
}
