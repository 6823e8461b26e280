//! The rig for driving the coach in tests: the real app state, keys, a fake monotonic clock and
//! a fixed wall clock, drawn into a `TestBackend` (as in `tests/screens.rs`).

#![allow(dead_code)]

pub mod colour;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use upright::common::paths::Paths;
use upright::program::sources::{Entry, Origin};
use upright::program::{Library, check_source};
use upright::records::journal::{self, Event, Record};
use upright::tui::App;
use upright::tui::Screen;
use upright::tui::clock::Wall;
use upright::tui::coach::draw;
use upright::tui::coach::readiness::ReadyStep;

pub const PROGRAM: &str = r#"Program(
    title: "Snapshot Program",
    summary: "A short program that shows every kind of phase.",
    level: Beginner,
    per_week: 3,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Strength", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 30, tempo: 4),
                     progress: [AddReps(step: 1, up_to: 10), AddSets(up_to: 3)]),
                Item(exercise: "wall-push-up", dose: Reps(sets: 1, reps: 10, rest: 0),
                     progress: [AddReps(step: 2, up_to: 12)]),
            ]),
            Block(name: "Balance and posture", items: [
                Item(exercise: "single-leg-stand-supported", dose: Time(secs: 20, per_side: true),
                     progress: [AddTime(step: 10, up_to: 40)]),
                Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
            ]),
        ]),
    ],
)"#;

/// 2025-11-20, 09:00 UTC, a Thursday.
pub const DAY0: u64 = 1_763_629_200;
pub const DAY: u64 = 86_400;

pub struct Rig {
    pub app: App,
    pub t0: Instant,
    pub now: Instant,
    pub secs: f64,
    pub dir: tempfile::TempDir,
}

pub fn entry() -> Entry {
    let entry = Entry {
        origin: Origin::File(PathBuf::from("snapshot.ron")),
        checked: check_source(PROGRAM.as_bytes(), Library::bundled()),
    };
    assert!(
        !entry.checked.has_errors(),
        "{:?}",
        entry.checked.diagnostics
    );
    entry
}

pub fn paths(dir: &Path) -> Paths {
    Paths {
        data: dir.join("data"),
        config: dir.join("config"),
    }
}

impl Rig {
    pub fn new() -> Rig {
        Rig::in_dir(tempfile::tempdir().unwrap(), DAY0)
    }

    /// The app on the snapshot program and the bundled ones, with the wall clock at `time`.
    pub fn in_dir(dir: tempfile::TempDir, time: u64) -> Rig {
        let mut programs = vec![entry()];
        programs.extend(upright::program::sources::discover(&[]));
        let t0 = Instant::now();
        Rig {
            app: App::with_wall(
                programs,
                paths(dir.path()),
                true,
                Some(1),
                Wall::fixed(TimeZone::UTC, time),
            ),
            t0,
            now: t0,
            secs: 0.0,
            dir,
        }
    }

    /// The same data folder, a new app (as after a restart), with the wall clock at `time`.
    pub fn restart(self, time: u64) -> Rig {
        let Rig {
            app,
            t0,
            now,
            secs,
            dir,
        } = self;
        // The old app is gone (as after a crash: nothing more is written), and its lock with it.
        drop(app);
        let mut r = Rig::in_dir(dir, time);
        r.secs = secs;
        r.t0 = t0;
        r.now = now;
        r
    }

    pub fn journal(&self) -> PathBuf {
        self.dir
            .path()
            .join("data")
            .join(journal::Journal::FILE_NAME)
    }

    pub fn records(&self) -> Vec<Record> {
        journal::read(&self.journal()).unwrap()
    }

    pub fn at(&mut self, secs: f64) -> &mut Self {
        self.secs = secs;
        self.now = self.t0 + Duration::from_secs_f64(secs);
        self.app.tick(self.now);
        self
    }

    /// Moves the monotonic clock on by `secs`.
    pub fn wait(&mut self, secs: f64) -> &mut Self {
        let t = self.secs + secs;
        self.at(t)
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app
            .key(KeyEvent::new(code, KeyModifiers::NONE), self.now);
        self
    }

    pub fn ch(&mut self, c: char) -> &mut Self {
        self.key(KeyCode::Char(c))
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, &self.app, self.now)).unwrap();
        // The temporary folder's name changes from run to run.
        colour::with_colours(t.backend()).replace(&self.dir.path().display().to_string(), "<tmp>")
    }

    /// Through the readiness check: yes to clearance, `follow_up` to the next-day question,
    /// `resume` ('r' or 'd') to a resume offer, "assessed" to an exercise that stopped for
    /// pain, no to the fracture question.
    pub fn through_readiness(&mut self, follow_up: char, resume: char) -> &mut Self {
        for _ in 0..8 {
            let step = match &self.app.screen {
                Screen::Readiness(r) => r.step.clone(),
                _ => return self,
            };
            match step {
                ReadyStep::Clearance(_) => self.ch('y'),
                ReadyStep::Resume(_) => self.ch(resume),
                ReadyStep::FollowUp { .. } => self.ch(follow_up),
                ReadyStep::AfterPain(_) => self.ch('a'),
                ReadyStep::Fracture => self.ch('n'),
            };
        }
        self
    }

    /// The check-in answered as the older four answers meant (`feeling` '1' nothing, '2' a mild
    /// ache, '3' moderate soreness, '4' sharp pain; all in the muscles that worked), then
    /// `effort` (a digit) and Enter; a sharp answer stops the exercise and goes on.
    pub fn check_in(&mut self, feeling: char, effort: char) -> &mut Self {
        let (pain, quality) = match feeling {
            '1' => ('0', None),
            '2' => ('2', Some('1')),
            '3' => ('4', Some('1')),
            _ => ('6', Some('2')),
        };
        self.ch(pain).key(KeyCode::Enter);
        if let Some(q) = quality {
            self.ch(q).ch('1');
        }
        if feeling == '4' {
            return self.key(KeyCode::Enter);
        }
        self.ch(effort).key(KeyCode::Enter)
    }

    /// A check-in open: answered (`check_in`); otherwise Enter (an unpaced set is done).
    pub fn answer_or_go_on(&mut self, feeling: char, effort: char) -> &mut Self {
        if matches!(
            self.app.overlay,
            Some(upright::tui::coach::Overlay::CheckIn(_))
        ) {
            self.check_in(feeling, effort)
        } else {
            self.key(KeyCode::Enter)
        }
    }

    /// A whole session from home at wall-clock `time`, every check-in answered with `feeling`
    /// and `effort` (digits, as `check_in` reads them); back home at the end.
    pub fn session(&mut self, time: u64, feeling: char, effort: char) -> &mut Self {
        self.app.shared.wall.set(time);
        self.key(KeyCode::Enter).through_readiness('1', 'd');
        let mut guard = 0;
        while matches!(self.app.screen, Screen::Session(_)) {
            guard += 1;
            assert!(guard < 2000, "the session never ended");
            self.wait(5.0).answer_or_go_on(feeling, effort);
        }
        self.key(KeyCode::Enter);
        self
    }

    pub fn events(&self) -> Vec<Event> {
        self.records().into_iter().map(|r| r.event).collect()
    }
}
