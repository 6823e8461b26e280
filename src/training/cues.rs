//! What a person hears during a session, as plain data: the cue stream. From the plan and the
//! engine's state it gives each cue (the exercise and its dose at the start, get ready, each
//! rep's phase when asked for, hold, relax, switch sides, rest with what comes next, the last
//! three seconds, check-in, pause, the end) with the moment it is due and the tone that marks
//! it. It plays nothing and reads no clock: the terminal loop asks what is due at `now` and
//! hands it to the players (`crate::audio`), and asks when the next cue is due to sleep until
//! then. Every cue falls on the plan's grid of whole seconds, where the countdown changes
//! anyway, so listening adds no wake-ups.

use std::time::{Duration, Instant};

use crate::program::{Dose, dose};
use crate::records::journal::Outcome;
use crate::training::Engine;
use crate::training::plan::{PhaseKind, Plan, Planned, Stage, pace};

/// A countdown at least this long says its last three seconds; a shorter one is over before
/// the words would be.
pub const COUNT_FROM_SECS: u32 = 5;

/// A cue more than this late is dropped unless it is the latest: a loop that slept through
/// several (a suspended laptop) says only where the session is now.
const STALE: Duration = Duration::from_secs(1);

/// The distinct sounds, one for each kind of moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// An exercise is coming: get ready.
    Ready,
    /// Work begins.
    Start,
    Hold,
    Relax,
    Switch,
    /// A tick at the start of each rep (when rep cues are asked for).
    Rep,
    /// One of the last three seconds.
    Count,
    /// A check-in, or the end of the session.
    Done,
}

impl Tone {
    pub const ALL: [Tone; 8] = [
        Tone::Ready,
        Tone::Start,
        Tone::Hold,
        Tone::Relax,
        Tone::Switch,
        Tone::Rep,
        Tone::Count,
        Tone::Done,
    ];

    /// A short name, for file names and logs.
    pub fn name(self) -> &'static str {
        match self {
            Tone::Ready => "ready",
            Tone::Start => "start",
            Tone::Hold => "hold",
            Tone::Relax => "relax",
            Tone::Switch => "switch",
            Tone::Rep => "rep",
            Tone::Count => "count",
            Tone::Done => "done",
        }
    }
}

/// What a cue announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// An exercise is coming: its name and dose, and get ready.
    Exercise,
    /// Work begins (the set, the side, the dose).
    Start,
    /// A rep of tempo reps begins, or its next stage (only when rep cues are asked for).
    Rep,
    Hold,
    Relax,
    SwitchSides,
    /// A rest between sets, and what comes after it.
    Rest,
    /// One of the last three seconds of a countdown.
    Count,
    CheckIn,
    Paused,
    Resumed,
    End,
}

/// One thing to hear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// When it is due: the moment the thing it announces happens.
    pub at: Instant,
    pub kind: CueKind,
    /// What a voice says (names from program files are not cleaned here).
    pub words: String,
    /// The sound that marks it, for those who listen without speech.
    pub tone: Option<Tone>,
}

/// What the person asked to hear.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Each rep of tempo reps: its number and stage words, and a tick.
    pub reps: bool,
}

/// Where a cue falls on its phase's own clock (pauses do not count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Whole seconds after the phase starts.
    After(u32),
    /// Whole seconds before its countdown ends (it moves when the countdown is lengthened).
    Before(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Scheduled {
    mark: Mark,
    kind: CueKind,
    words: String,
    tone: Option<Tone>,
}

/// The phase being listened to.
#[derive(Debug)]
struct Current {
    /// The engine's count of phases entered when this one started.
    entry: u64,
    schedule: Vec<Scheduled>,
    /// Time into the phase up to which its cues have been given.
    heard: Option<Duration>,
    paused: bool,
}

#[derive(Debug, Default)]
enum State {
    /// No session running (before it, or after its end was said).
    #[default]
    Idle,
    Running(Current),
    /// The end has been said; the engine is still on screen (the summary).
    Ended,
}

/// Follows a session and says which cues are due: give it the engine (or `None` when no
/// session is on screen) after every tick and key.
#[derive(Debug, Default)]
pub struct Cues {
    options: Options,
    state: State,
}

impl Cues {
    pub fn new(options: Options) -> Cues {
        Cues {
            options,
            state: State::Idle,
        }
    }

    pub fn options(&self) -> Options {
        self.options
    }

    /// New options apply from the next phase on.
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    /// The cues due at `now` that have not been given yet, oldest first.
    pub fn due(&mut self, engine: Option<&Engine>, now: Instant) -> Vec<Cue> {
        let mut out = Vec::new();
        let Some(e) = engine else {
            // The session left the screen without an end being seen: a red flag stops it.
            if matches!(self.state, State::Running(_)) {
                out.push(end_cue(None, now));
            }
            self.state = State::Idle;
            return out;
        };
        if let Some(outcome) = e.outcome() {
            if !matches!(self.state, State::Ended) {
                out.push(end_cue(Some(outcome), now));
            }
            self.state = State::Ended;
            return out;
        }
        if e.phase().is_none() {
            return out;
        }
        let fresh = match &self.state {
            State::Running(c) => c.entry != e.entries(),
            _ => true,
        };
        if fresh {
            self.state = State::Running(Current {
                entry: e.entries(),
                schedule: schedule(e.plan(), e.index(), self.options),
                heard: None,
                paused: e.is_paused(),
            });
        }
        let State::Running(current) = &mut self.state else {
            return out;
        };
        if current.paused != e.is_paused() {
            current.paused = e.is_paused();
            let (kind, words) = if current.paused {
                (CueKind::Paused, "Paused.")
            } else {
                (CueKind::Resumed, "Going on.")
            };
            out.push(Cue {
                at: now,
                kind,
                words: words.into(),
                tone: None,
            });
        }
        let elapsed = e.elapsed(now);
        let length = e.remaining(now).map(|r| elapsed + r);
        for s in &current.schedule {
            let Some(offset) = offset(s.mark, length) else {
                continue;
            };
            if offset <= elapsed && current.heard.is_none_or(|h| offset > h) {
                out.push(Cue {
                    at: now - (elapsed - offset),
                    kind: s.kind,
                    words: s.words.clone(),
                    tone: s.tone,
                });
            }
        }
        current.heard = Some(elapsed);
        // Oldest first, by when they were due (a pause cue is due now, after the rest).
        out.sort_by_key(|c| c.at);
        let newest = out.len().saturating_sub(1);
        let mut i = 0;
        out.retain(|c| {
            i += 1;
            i - 1 == newest || now.saturating_duration_since(c.at) <= STALE
        });
        out
    }

    /// When the next cue is due, if one is coming by itself; `now` when something changed
    /// that `due` has not seen yet.
    pub fn next_due(&self, engine: Option<&Engine>, now: Instant) -> Option<Instant> {
        let Some(e) = engine else {
            return matches!(self.state, State::Running(_)).then_some(now);
        };
        if e.outcome().is_some() {
            return (!matches!(self.state, State::Ended)).then_some(now);
        }
        let State::Running(current) = &self.state else {
            return Some(now);
        };
        if current.entry != e.entries() || current.paused != e.is_paused() {
            return Some(now);
        }
        if e.is_paused() {
            return None;
        }
        let elapsed = e.elapsed(now);
        let length = e.remaining(now).map(|r| elapsed + r);
        current
            .schedule
            .iter()
            .filter_map(|s| offset(s.mark, length))
            .filter(|&o| current.heard.is_none_or(|h| o > h))
            .min()
            .map(|o| now + o.saturating_sub(elapsed))
    }
}

/// A mark as time into a phase of `length` (`None`: the phase has no countdown).
fn offset(mark: Mark, length: Option<Duration>) -> Option<Duration> {
    match mark {
        Mark::After(s) => Some(secs(s)),
        Mark::Before(s) => length?.checked_sub(secs(s)),
    }
}

fn secs(s: u32) -> Duration {
    Duration::from_secs(s.into())
}

fn end_cue(outcome: Option<Outcome>, now: Instant) -> Cue {
    let words = match outcome {
        Some(Outcome::Completed) => "Session complete. Well done.",
        Some(Outcome::Pain) => "Session ended after pain. Please read the advice on the screen.",
        Some(Outcome::RedFlag) | None => "Session stopped. Please read the advice on the screen.",
        Some(Outcome::Quit | Outcome::Abandoned) => "Session ended.",
    };
    Cue {
        at: now,
        kind: CueKind::End,
        words: words.into(),
        tone: Some(Tone::Done),
    }
}

/// The cues of phase `index` of `plan`, in the order they fall.
fn schedule(plan: &Plan, index: usize, options: Options) -> Vec<Scheduled> {
    let phase = plan.phases[index];
    let planned = &plan.exercises[phase.exercise];
    let d = planned.dose;
    let mut out = Vec::new();
    let mut cue = |mark, kind, tone, words: String| {
        out.push(Scheduled {
            mark,
            kind,
            words,
            tone,
        })
    };
    let counted = match phase.kind {
        PhaseKind::GetReady => {
            cue(
                Mark::After(0),
                CueKind::Exercise,
                Some(Tone::Ready),
                format!(
                    "{}. {}. Get ready.",
                    planned.exercise.name.trim_end_matches('.'),
                    spoken_dose(d)
                ),
            );
            true
        }
        PhaseKind::Work => {
            let mut start = String::new();
            if let Some(side) = phase.side {
                start.push_str(&format!("{} side. ", capitalised(side.label())));
            }
            if d.sets() > 1 {
                start.push_str(&format!("Set {} of {}. ", phase.set, d.sets()));
            }
            start.push_str(&match d {
                Dose::Time { secs, .. } => format!("Go: {}.", spoken_secs(secs)),
                Dose::Reps { tempo: None, .. } => {
                    format!(
                        "Go: {} at your own pace.",
                        count(d.reps().unwrap_or(1), "rep")
                    )
                }
                Dose::Reps { reps, .. } => format!("Go: {}.", count(reps, "rep")),
                Dose::Holds { reps, hold, .. } => {
                    format!("Go: {} of {}.", count(reps, "hold"), spoken_secs(hold))
                }
            });
            let first = pace(planned, 0);
            let tone = match first {
                Some(p) if p.stage == Stage::Hold => {
                    start.push_str(" Hold.");
                    Tone::Hold
                }
                Some(p) if options.reps => {
                    start.push_str(&format!(" {}.", capitalised(p.word)));
                    Tone::Start
                }
                _ => Tone::Start,
            };
            cue(Mark::After(0), CueKind::Start, Some(tone), start);
            paced(&mut cue, planned, options);
            matches!(d, Dose::Time { .. })
        }
        PhaseKind::SwitchSides => {
            cue(
                Mark::After(0),
                CueKind::SwitchSides,
                Some(Tone::Switch),
                format!(
                    "Switch sides. Now the {} side.",
                    phase.side.map_or("other", |s| s.label()).to_lowercase()
                ),
            );
            true
        }
        PhaseKind::Rest => {
            let next = plan
                .phases
                .get(index + 1)
                .filter(|p| p.exercise == phase.exercise && p.kind == PhaseKind::Work);
            let mut words = format!("Rest, {}.", spoken_secs(phase.secs.unwrap_or(d.rest())));
            if let Some(n) = next {
                words.push_str(&format!(" Next: set {} of {}.", n.set, d.sets()));
            }
            cue(Mark::After(0), CueKind::Rest, Some(Tone::Relax), words);
            true
        }
        PhaseKind::CheckIn => {
            cue(
                Mark::After(0),
                CueKind::CheckIn,
                Some(Tone::Done),
                "How did that feel?".into(),
            );
            false
        }
    };
    if counted && phase.secs.is_some_and(|s| s >= COUNT_FROM_SECS) {
        for k in (1..=3).rev() {
            cue(
                Mark::Before(k),
                CueKind::Count,
                Some(Tone::Count),
                k.to_string(),
            );
        }
    }
    out
}

/// The cues inside a paced work phase, after its start: hold and relax for holds (with the
/// last three seconds of a long hold), each rep's stages for tempo reps when asked for. The
/// stages and their words (the exercise's own: "lower", "push") come from the plan's `pace`.
fn paced(
    cue: &mut impl FnMut(Mark, CueKind, Option<Tone>, String),
    planned: &Planned,
    options: Options,
) {
    let d = planned.dose;
    let mut last = pace(planned, 0);
    for s in 1..d.work_secs() {
        let Some(p) = pace(planned, s) else { return };
        if last.is_some_and(|l| (l.rep, l.stage) == (p.rep, p.stage)) {
            continue;
        }
        let new_rep = last.is_none_or(|l| l.rep != p.rep);
        last = Some(p);
        match p.stage {
            Stage::Hold => {
                let words = if p.rep == p.of && p.of > 1 {
                    "Last one. Hold."
                } else {
                    "Hold."
                };
                cue(
                    Mark::After(s),
                    CueKind::Hold,
                    Some(Tone::Hold),
                    words.into(),
                );
            }
            Stage::Relax => cue(
                Mark::After(s),
                CueKind::Relax,
                Some(Tone::Relax),
                "Relax.".into(),
            ),
            Stage::Move(_) if options.reps => {
                let words = if new_rep {
                    format!("{}. {}.", p.rep, capitalised(p.word))
                } else {
                    format!("{}.", capitalised(p.word))
                };
                let tone = new_rep.then_some(Tone::Rep);
                cue(Mark::After(s), CueKind::Rep, tone, words);
            }
            _ => {}
        }
    }
    // The last three seconds of each long hold.
    if let Dose::Holds { reps, hold, .. } = d
        && hold >= COUNT_FROM_SECS
    {
        let len = hold + dose::HOLD_RELAX_SECS;
        for rep in 0..reps {
            for k in (1..=3).rev() {
                cue(
                    Mark::After(rep * len + hold - k),
                    CueKind::Count,
                    Some(Tone::Count),
                    k.to_string(),
                );
            }
        }
    }
}

/// "Left" from "LEFT", "Up" from "up".
fn capitalised(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// "1 rep", "8 reps".
fn count(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "45 seconds", "1 minute", "1 minute 30 seconds": as a voice says it.
pub fn spoken_secs(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => count(s, "second"),
        (m, 0) => count(m, "minute"),
        (m, s) => format!("{} {}", count(m, "minute"), count(s, "second")),
    }
}

/// The dose as a voice says it (the rest is said when it comes): "2 sets of 8 reps each side,
/// 4 seconds a rep".
pub fn spoken_dose(d: Dose) -> String {
    let sets = if d.sets() > 1 {
        format!("{} sets of ", d.sets())
    } else {
        String::new()
    };
    let mut out = match d {
        Dose::Reps { reps, .. } => format!("{sets}{}", count(reps, "rep")),
        Dose::Holds { reps, hold, .. } => {
            format!("{sets}{} of {}", count(reps, "hold"), spoken_secs(hold))
        }
        Dose::Time { secs, .. } => format!("{sets}{}", spoken_secs(secs)),
    };
    if d.per_side() {
        out.push_str(" each side");
    }
    if let Dose::Reps { tempo: Some(t), .. } = d {
        out.push_str(&format!(", {} a rep", spoken_secs(t)));
    }
    out
}

#[cfg(test)]
#[path = "cues_tests.rs"]
mod tests;
