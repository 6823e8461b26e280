//! The session engine: steps through a `Plan` against deadlines on a monotonic clock, takes
//! the person's inputs (done, skip, back, pause, check-ins, red flags) and emits journal
//! events. It never reads the clock itself: every call is given `now`, so tests run a whole
//! session in microseconds with a fake clock.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::records::journal::{Event, Outcome, SkipReason};
use crate::training::checkin::{Answer, Response};
use crate::training::plan::{Pace, Phase, PhaseKind, Plan, Planned, pace};
use crate::training::safety::{self, Urgency};

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
    /// Work phases done before a resume: passed over, with the rest or switch after them.
    before: HashSet<usize>,
    /// Events not yet handed to the journal.
    pending: Vec<Event>,
    /// Every event of this run, for the summary.
    log: Vec<Event>,
}

/// What a finished (or ended) run amounts to, for the summary screen: the whole session,
/// also the part before a resume.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub outcome: Option<Outcome>,
    pub sets_done: u32,
    pub sets_planned: u32,
    pub exercises_done: u32,
    pub exercises_planned: u32,
    /// Sets not done: skipped, or stopped for pain.
    pub skipped: u32,
    /// Of those, the sets stopped for pain.
    pub skipped_for_pain: u32,
    /// Each check-in: the exercise's name and the answer.
    pub check_ins: Vec<(String, Answer)>,
    /// Exercises stopped for pain, by name.
    pub stopped_for_pain: Vec<String>,
    /// The red flag that ended it: its urgency and symptoms.
    pub red_flag: Option<(Urgency, Vec<String>)>,
    /// It went on after a stop without an end.
    pub resumed: bool,
}

impl Summary {
    /// The first line of the summary: how the session ended, truthfully.
    pub fn headline(&self) -> String {
        let names = |v: &[String]| v.join(", ");
        match self.outcome {
            Some(Outcome::RedFlag) => match &self.red_flag {
                Some((u, _)) => format!("Session stopped: red flag. {}.", u.heading()),
                None => "Session stopped: red flag.".into(),
            },
            Some(Outcome::Pain) => format!(
                "Session ended after pain in {}.",
                if self.stopped_for_pain.is_empty() {
                    "an exercise".to_owned()
                } else {
                    names(&self.stopped_for_pain)
                }
            ),
            Some(Outcome::Completed) if !self.stopped_for_pain.is_empty() => format!(
                "Session finished; stopped for pain: {}.",
                names(&self.stopped_for_pain)
            ),
            Some(Outcome::Completed) if self.sets_done < self.sets_planned => {
                "Session finished, with some sets skipped.".into()
            }
            Some(Outcome::Completed) => "Session complete. Well done.".into(),
            Some(Outcome::Quit | Outcome::Abandoned) => "Session ended early.".into(),
            None => "Session under way.".into(),
        }
    }

    /// The figures line: "Sets done: 6 of 8   Exercises: 3 of 4   Sets skipped: 2 (2 for pain)".
    pub fn figures(&self) -> String {
        let pain = if self.skipped_for_pain > 0 {
            format!(" ({} for pain)", self.skipped_for_pain)
        } else {
            String::new()
        };
        format!(
            "Sets done: {} of {}   Exercises: {} of {}   Sets skipped: {}{pain}",
            self.sets_done,
            self.sets_planned,
            self.exercises_done,
            self.exercises_planned,
            self.skipped
        )
    }
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
            before: HashSet::new(),
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

    /// Goes on with a run that stopped without an end: from the exercise at `exercise` (the
    /// first not finished), with `earlier` the run's events before the stop. Sets done then are
    /// not done again (nor the rest after them); the summary counts them.
    pub fn resumed(plan: Plan, exercise: usize, earlier: Vec<Event>, now: Instant) -> Engine {
        let mut e = Engine::new(plan, now);
        for ev in &earlier {
            if let Event::SetDone {
                item, set, side, ..
            } = ev
            {
                let found = e.plan.phases.iter().position(|p| {
                    p.kind == PhaseKind::Work
                        && p.set == *set
                        && p.side == *side
                        && e.plan.exercises[p.exercise].key.0 == *item
                });
                if let Some(i) = found {
                    e.done.insert(i);
                    e.before.insert(i);
                }
            }
        }
        e.log = earlier;
        if e.outcome.is_none() {
            match e.plan.first_phase_of(exercise) {
                Some(i) => e.enter(i, now),
                None => e.finish(Outcome::Completed),
            }
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
    pub fn pace(&self, now: Instant) -> Option<Pace<'_>> {
        let p = self.phase()?;
        if p.kind != PhaseKind::Work {
            return None;
        }
        pace(&self.plan.exercises[p.exercise], self.elapsed_secs(now))
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
            outcome: self.outcome,
            sets_planned: self
                .plan
                .phases
                .iter()
                .filter(|p| p.kind == PhaseKind::Work)
                .count() as u32,
            exercises_planned: self.plan.exercises.len() as u32,
            ..Summary::default()
        };
        let name = |item: &str, exercise: &str| {
            self.plan
                .exercises
                .iter()
                .find(|p| p.key.0 == item)
                .map_or(exercise.to_owned(), |p| p.exercise.name.clone())
        };
        let mut exercises = HashSet::new();
        for e in &self.log {
            match e {
                Event::SetDone { item, .. } => {
                    s.sets_done += 1;
                    exercises.insert(item.clone());
                }
                Event::Skipped { sets, reason, .. } => {
                    s.skipped += sets.len() as u32;
                    if *reason == SkipReason::Pain {
                        s.skipped_for_pain += sets.len() as u32;
                    }
                }
                Event::CheckIn { item, exercise, .. } => {
                    let Some(answer) = e.answer() else { continue };
                    let name = name(item, exercise);
                    if answer.response().stops() && !s.stopped_for_pain.contains(&name) {
                        s.stopped_for_pain.push(name.clone());
                    }
                    s.check_ins.push((name, answer));
                }
                Event::RedFlag { symptoms, .. } => {
                    s.red_flag = Some((safety::urgency_of(symptoms), symptoms.clone()));
                }
                Event::Resumed { .. } => s.resumed = true,
                _ => {}
            }
        }
        s.resumed |= !self.before.is_empty();
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

    /// A check-in for the current exercise, at its end or at any moment during it; returns what
    /// the coach does about it (`None` when there is no exercise). An answer that stops the
    /// exercise skips its sets not done (for pain) and moves on to the next exercise; sharp back
    /// pain takes the red-flag path: the run ends with the sudden-back-pain red flag.
    pub fn check_in(&mut self, now: Instant, answer: Answer) -> Option<Response> {
        let p = self.phase().copied()?;
        let planned = &self.plan.exercises[p.exercise];
        self.emit(Event::check_in(
            planned.key.0.clone(),
            planned.exercise.id.clone(),
            answer.with_effort(answer.effort),
        ));
        let response = answer.response();
        if response.stops() {
            self.resume(now);
            self.record_skipped(p.exercise, SkipReason::Pain);
        }
        match response {
            Response::RedFlag => self.red_flag(vec![safety::SUDDEN_BACK_PAIN.symptom.to_owned()]),
            Response::Stop if p.kind != PhaseKind::CheckIn => {
                self.jump_to_exercise(p.exercise + 1, now)
            }
            _ if p.kind == PhaseKind::CheckIn => {
                self.resume(now);
                self.advance(now);
            }
            _ => {}
        }
        Some(response)
    }

    /// A red flag: the run ends at once.
    pub fn red_flag(&mut self, symptoms: Vec<String>) {
        if self.outcome.is_none() {
            self.emit(Event::red_flag(symptoms));
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
        // Sets done before a resume are passed over, and the rest or switch that followed them.
        let mut index = index;
        while self.passed_over(index) {
            index += 1;
        }
        if index >= self.plan.phases.len() {
            self.finish(Outcome::Completed);
            return;
        }
        self.entries += 1;
        self.index = index;
        self.started = at;
        self.deadline = self.plan.phases[index]
            .secs
            .map(|s| at + Duration::from_secs(s.into()));
    }

    fn passed_over(&self, index: usize) -> bool {
        let Some(p) = self.plan.phases.get(index) else {
            return false;
        };
        match p.kind {
            PhaseKind::Work => self.before.contains(&index),
            PhaseKind::Rest | PhaseKind::SwitchSides => {
                index > 0 && self.before.contains(&(index - 1))
            }
            _ => false,
        }
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
