//! The session engine: steps through a `Plan` against deadlines on a monotonic clock, takes
//! the person's inputs (done, skip, back, pause, check-ins, red flags) and emits journal
//! events. It never reads the clock itself: every call is given `now`, so tests run a whole
//! session in microseconds with a fake clock.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::records::journal::{Event, Feeling, Outcome, SkipReason};
use crate::training::plan::{Pace, Phase, PhaseKind, Plan, Planned, pace};

/// Going back within this long of an exercise's start goes to the exercise before.
const BACK_GRACE: Duration = Duration::from_secs(3);
const SECOND: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct Engine {
    plan: Plan,
    index: usize,
    /// When the current phase began, on the plan's grid of whole seconds.
    started: Instant,
    /// Phases entered so far: changes whenever a phase starts, again or anew.
    entries: u64,
    /// When the current timed phase ends; `None` for a phase the person ends.
    deadline: Option<Instant>,
    paused_at: Option<Instant>,
    outcome: Option<Outcome>,
    /// Work phases done (by phase index), so a skip records only the sets not done.
    done: HashSet<usize>,
    /// Events not yet handed to the journal.
    pending: Vec<Event>,
    /// Every event of this run, for the summary.
    log: Vec<Event>,
}

/// What a finished (or ended) run amounts to, for the summary screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub sets_done: u32,
    pub sets_planned: u32,
    pub exercises_done: u32,
    pub skipped: u32,
    pub check_ins: Vec<(String, Feeling, Option<u8>)>,
    pub sharp_pain: Vec<String>,
}

impl Engine {
    pub fn new(plan: Plan, now: Instant) -> Engine {
        let mut e = Engine {
            plan,
            index: 0,
            started: now,
            entries: 0,
            deadline: None,
            paused_at: None,
            outcome: None,
            done: HashSet::new(),
            pending: Vec::new(),
            log: Vec::new(),
        };
        if e.plan.phases.is_empty() {
            e.finish(Outcome::Completed);
        } else {
            e.enter(0, now);
        }
        e
    }

    /// Starts a resumed run at the first phase of exercise `exercise`.
    pub fn starting_at(plan: Plan, exercise: usize, now: Instant) -> Engine {
        let mut e = Engine::new(plan, now);
        if let Some(i) = e.plan.first_phase_of(exercise) {
            e.enter(i, now);
        }
        e
    }

    // ----- what the screens read -----

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn phase(&self) -> Option<&Phase> {
        if self.outcome.is_some() {
            None
        } else {
            self.plan.phases.get(self.index)
        }
    }

    pub fn exercise(&self) -> Option<&Planned> {
        self.phase().map(|p| &self.plan.exercises[p.exercise])
    }

    /// The exercise after the current one.
    pub fn next_exercise(&self) -> Option<&Planned> {
        let p = self.phase()?;
        self.plan.exercises.get(p.exercise + 1)
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    fn clock(&self, now: Instant) -> Instant {
        self.paused_at.unwrap_or(now)
    }

    /// Time left in the current timed phase.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.deadline
            .filter(|_| self.outcome.is_none())
            .map(|d| d.saturating_duration_since(self.clock(now)))
    }

    /// The whole seconds a countdown shows: 3 from 2.001 s to 3.000 s left.
    pub fn shown_secs(&self, now: Instant) -> Option<u32> {
        self.remaining(now).map(ceil_secs)
    }

    /// Whole seconds since the phase began.
    pub fn elapsed_secs(&self, now: Instant) -> u32 {
        self.elapsed(now).as_secs() as u32
    }

    /// Time since the phase began, not counting pauses.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.clock(now).saturating_duration_since(self.started)
    }

    /// How many phases have been entered: it changes whenever a phase starts, also when the
    /// same one starts again (back, restart), so a listener can tell a new start.
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// Rep and stage of a paced work phase.
    pub fn pace(&self, now: Instant) -> Option<Pace> {
        let p = self.phase()?;
        if p.kind != PhaseKind::Work {
            return None;
        }
        pace(self.plan.exercises[p.exercise].dose, self.elapsed_secs(now))
    }

    /// Estimated time left in the whole run.
    pub fn session_left(&self, now: Instant) -> Duration {
        let Some(p) = self.phase() else {
            return Duration::ZERO;
        };
        let here = self
            .remaining(now)
            .unwrap_or_else(|| Duration::from_secs(self.plan.estimate(p).into()));
        here + Duration::from_secs(self.plan.secs_from(self.index + 1).into())
    }

    /// When the screen next changes by itself: the next whole-second boundary of a running
    /// countdown. `None` while paused, waiting for the person, or finished.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        if self.paused_at.is_some() || self.outcome.is_some() {
            return None;
        }
        let deadline = self.deadline?;
        let left = deadline.saturating_duration_since(now);
        let frac = Duration::from_nanos((left.as_nanos() % SECOND.as_nanos()) as u64);
        Some(if frac.is_zero() {
            if left.is_zero() { now } else { now + SECOND }
        } else {
            now + frac
        })
    }

    /// Hands over the events not yet written to the journal.
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.pending)
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            sets_planned: self
                .plan
                .phases
                .iter()
                .filter(|p| p.kind == PhaseKind::Work)
                .count() as u32,
            ..Summary::default()
        };
        let mut exercises = HashSet::new();
        for e in &self.log {
            match e {
                Event::SetDone { item, .. } => {
                    s.sets_done += 1;
                    exercises.insert(item.clone());
                }
                Event::Skipped { sets, .. } => s.skipped += sets.len() as u32,
                Event::CheckIn {
                    exercise,
                    feeling,
                    effort,
                    ..
                } => {
                    let name = self
                        .plan
                        .exercises
                        .iter()
                        .find(|p| &p.exercise.id == exercise)
                        .map_or(exercise.clone(), |p| p.exercise.name.clone());
                    if *feeling == Feeling::Sharp {
                        s.sharp_pain.push(name.clone());
                    }
                    s.check_ins.push((name, *feeling, *effort));
                }
                _ => {}
            }
        }
        s.exercises_done = exercises.len() as u32;
        s
    }

    // ----- inputs -----

    /// Moves past every deadline up to `now`. Returns whether the phase changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let before = (self.index, self.outcome);
        while self.paused_at.is_none() && self.outcome.is_none() {
            match self.deadline {
                Some(d) if d <= now => {
                    self.complete_current();
                    self.advance(d);
                }
                _ => break,
            }
        }
        before != (self.index, self.outcome)
    }

    pub fn toggle_pause(&mut self, now: Instant) {
        if self.is_paused() {
            self.resume(now);
        } else {
            self.pause(now);
        }
    }

    pub fn pause(&mut self, now: Instant) {
        if self.outcome.is_none() && self.paused_at.is_none() {
            self.paused_at = Some(now);
        }
    }

    /// Resumes; the deadline moves on by the time spent paused.
    pub fn resume(&mut self, now: Instant) {
        if let Some(at) = self.paused_at.take() {
            let paused = now.saturating_duration_since(at);
            self.started += paused;
            if let Some(d) = &mut self.deadline {
                *d += paused;
            }
        }
    }

    /// Enter: this set is done, or this wait is over. Does nothing at a check-in that waits
    /// for an answer; a timed one (a class's slide) is a wait like any other.
    pub fn done(&mut self, now: Instant) {
        self.resume(now);
        let Some(p) = self.phase().copied() else {
            return;
        };
        if p.kind == PhaseKind::CheckIn && p.secs.is_none() {
            return;
        }
        self.complete_current();
        self.advance(now);
    }

    /// Skips the rest of the current exercise (its sets not done are recorded as skipped).
    pub fn skip(&mut self, now: Instant) {
        self.resume(now);
        let Some(p) = self.phase().copied() else {
            return;
        };
        if p.kind != PhaseKind::CheckIn {
            self.record_skipped(p.exercise, SkipReason::Skipped);
        }
        self.jump_to_exercise(p.exercise + 1, now);
    }

    /// Back to the start of this exercise, or to the one before when already at its start.
    pub fn back(&mut self, now: Instant) {
        self.resume(now);
        let Some(p) = self.phase().copied() else {
            return;
        };
        let first = self.plan.first_phase_of(p.exercise).unwrap_or(0);
        let at_start = self.index == first
            && self.clock(now).saturating_duration_since(self.started) < BACK_GRACE;
        let target = if at_start {
            p.exercise.saturating_sub(1)
        } else {
            p.exercise
        };
        self.jump_to_exercise(target, now);
    }

    /// Lengthens (or shortens) the current countdown; never to less than one second left.
    pub fn adjust(&mut self, now: Instant, secs: i64) {
        let clock = self.clock(now);
        if let Some(d) = &mut self.deadline {
            let step = Duration::from_secs(secs.unsigned_abs());
            *d = if secs >= 0 {
                *d + step
            } else {
                (*d - step.min(d.saturating_duration_since(clock))).max(clock + SECOND)
            };
        }
    }

    /// Restarts the current exercise from its first phase.
    pub fn restart_exercise(&mut self, now: Instant) {
        self.resume(now);
        if let Some(p) = self.phase().copied() {
            self.jump_to_exercise(p.exercise, now);
        }
    }

    /// A check-in for the current exercise, at its end or at any moment during it. Sharp
    /// pain stops the exercise at once: its remaining sets are recorded as skipped.
    pub fn check_in(&mut self, now: Instant, feeling: Feeling, effort: Option<u8>) {
        let Some(p) = self.phase().copied() else {
            return;
        };
        let planned = &self.plan.exercises[p.exercise];
        self.emit(Event::CheckIn {
            item: planned.key.0.clone(),
            exercise: planned.exercise.id.clone(),
            feeling,
            effort: effort.map(|e| e.min(10)),
        });
        if p.kind == PhaseKind::CheckIn {
            self.resume(now);
            self.advance(now);
        } else if feeling == Feeling::Sharp {
            self.resume(now);
            self.record_skipped(p.exercise, SkipReason::Pain);
            self.jump_to_exercise(p.exercise + 1, now);
        }
    }

    /// A red flag: the run ends at once.
    pub fn red_flag(&mut self, symptoms: Vec<String>) {
        if self.outcome.is_none() {
            self.emit(Event::RedFlag { symptoms });
            self.finish(Outcome::RedFlag);
        }
    }

    /// Ends the run early (quit, or stopped after pain).
    pub fn end(&mut self, outcome: Outcome) {
        if self.outcome.is_none() {
            self.finish(outcome);
        }
    }

    // ----- inside -----

    fn emit(&mut self, e: Event) {
        self.pending.push(e.clone());
        self.log.push(e);
    }

    fn enter(&mut self, index: usize, at: Instant) {
        self.entries += 1;
        self.index = index;
        self.started = at;
        self.deadline = self.plan.phases[index]
            .secs
            .map(|s| at + Duration::from_secs(s.into()));
    }

    fn advance(&mut self, at: Instant) {
        if self.index + 1 >= self.plan.phases.len() {
            self.finish(Outcome::Completed);
        } else {
            self.enter(self.index + 1, at);
        }
    }

    fn jump_to_exercise(&mut self, exercise: usize, now: Instant) {
        match self.plan.first_phase_of(exercise) {
            Some(i) => self.enter(i, now),
            None => self.finish(Outcome::Completed),
        }
    }

    fn complete_current(&mut self) {
        let p = self.plan.phases[self.index];
        if p.kind == PhaseKind::Work && self.done.insert(self.index) {
            let planned = &self.plan.exercises[p.exercise];
            self.emit(Event::SetDone {
                item: planned.key.0.clone(),
                exercise: planned.exercise.id.clone(),
                set: p.set,
                side: p.side,
                level: planned.level,
                dose: planned.dose,
            });
        }
    }

    fn record_skipped(&mut self, exercise: usize, reason: SkipReason) {
        let mut sets: Vec<u32> = self
            .plan
            .phases
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.exercise == exercise && p.kind == PhaseKind::Work && !self.done.contains(i)
            })
            .map(|(_, p)| p.set)
            .collect();
        sets.dedup();
        if !sets.is_empty() {
            let planned = &self.plan.exercises[exercise];
            self.emit(Event::Skipped {
                item: planned.key.0.clone(),
                exercise: planned.exercise.id.clone(),
                sets,
                reason,
            });
        }
    }

    fn finish(&mut self, outcome: Outcome) {
        self.outcome = Some(outcome);
        self.paused_at = None;
        self.deadline = None;
        self.emit(Event::SessionEnd { outcome });
    }
}

fn ceil_secs(d: Duration) -> u32 {
    let s = d.as_secs() as u32;
    if d.subsec_nanos() > 0 { s + 1 } else { s }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
