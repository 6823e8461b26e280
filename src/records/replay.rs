//! Replaying the journal into progress levels: one pass over the records folds every session of
//! a program into per-item state (level, clean sessions in a row at that level, a block after
//! sharp pain) against the program's progress ladders as they are today. Pure: no clock, no
//! files; the rules come from `shared/clinical.md` and the program format's `advance_after`.
//!
//! - After `advance_after` clean sessions at a level (every planned set done, nothing skipped,
//!   every check-in one the coach carries on after, effort below 9) an item moves up one rung,
//!   at its next session. A clean session at effort 3 or less counts twice: it moves up sooner.
//! - A check-in to finish gently (moderate dull soreness, mild back pain), effort 9-10, a
//!   skipped or unfinished item, or a session ended by a red flag holds the level: the clean
//!   sessions start counting again.
//! - A check-in that stops the exercise (sharp pain, above 5/10, back pain above 3/10) steps
//!   the item back one rung and blocks its progression until two clean sessions follow; the
//!   next session asks about it first (`after_pain`) until it has been assessed.
//! - A session that did the easier variant in its place neither moves the item nor holds it.
//! - A red flag blocks all progression until a clearance is recorded.
//! - The next-day follow-up: muscle soreness changes nothing; back, neck or joint pain "still
//!   there" means no progression in the session that follows; "worse" also steps every item
//!   done in the session asked about back one rung.
//! - Levels survive editing the program: a session logged at a dose that is no longer the
//!   ladder's dose at that level restarts the item at the highest rung that is not above what
//!   was done (and the clean sessions start counting again).

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::program::Dose;
use crate::records::journal::{Event, NextDay, PainChoice, Record};
pub use crate::records::rules::{Rules, nearest};
use crate::records::rules::{no_rules, same_work};
use crate::records::runs::{needed, set_bit};
use crate::training::checkin::{EASY_EFFORT, HARD_EFFORT, Response};
use crate::training::plan::ItemKey;

/// Clean sessions an item needs after sharp pain before it may progress again.
pub const CLEAN_AFTER_PAIN: u32 = 2;

/// How many finished sessions a "worse" follow-up can still reach back to.
const RECENT_RUNS: usize = 8;

/// Where one item stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    /// The rung of its ladder (0: the file's start dose).
    pub level: u32,
    /// Clean sessions in a row at this level.
    pub streak: u32,
    /// Clean sessions still needed after sharp pain before it may progress.
    pub pain_block: u32,
}

/// Why an item does not move up at its next session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// A red flag is not cleared yet.
    RedFlag,
    /// The next-day follow-up said still sore, or worse.
    NextDay,
    /// Sharp pain: this many more clean sessions first.
    Pain(u32),
    /// Building up: `clean` of the `of` clean sessions done at this level.
    Building { clean: u32, of: u32 },
    /// At the top of its ladder.
    Top,
}

/// An item whose exercise stopped for pain and has not been assessed since: the next session
/// that plans it asks first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stopped {
    /// The exercise that stopped.
    pub exercise: String,
    /// Left out (not yet assessed) when last asked.
    pub left_out: bool,
}

/// The outcome of a replay.
#[derive(Debug, Clone)]
pub struct Progress<'r> {
    rules: &'r Rules,
    items: HashMap<String, ItemState>,
    stopped: HashMap<String, Stopped>,
    red_flag: bool,
    hold: bool,
}

impl Progress<'_> {
    /// The item's state, its level clamped to today's ladder.
    pub fn state(&self, key: &str) -> ItemState {
        let mut s = self.items.get(key).copied().unwrap_or_default();
        if let Some(l) = self.rules.ladder(key) {
            s.level = s.level.min(l.len() as u32 - 1);
        }
        s
    }

    /// The level the item's next session is done at.
    pub fn today(&self, key: &str) -> u32 {
        let s = self.state(key);
        if self.held(key).is_none() {
            s.level + 1
        } else {
            s.level
        }
    }

    /// Today's level of every item of the program, for `plan`.
    pub fn levels(&self) -> HashMap<ItemKey, u32> {
        self.rules
            .keys()
            .map(|k| (ItemKey(k.clone()), self.today(k)))
            .collect()
    }

    /// The item stopped for pain and not assessed since: ask before it comes back.
    pub fn stopped(&self, key: &str) -> Option<&Stopped> {
        self.stopped.get(key)
    }

    /// Why the item does not move up at its next session; `None` when it does.
    pub fn held(&self, key: &str) -> Option<Held> {
        let s = self.state(key);
        let top = self.rules.ladder(key).map_or(0, |l| l.len() as u32 - 1);
        if self.red_flag {
            Some(Held::RedFlag)
        } else if s.pain_block > 0 {
            Some(Held::Pain(s.pain_block))
        } else if s.level >= top {
            Some(Held::Top)
        } else if self.hold {
            Some(Held::NextDay)
        } else if s.streak < self.rules.advance_after() {
            Some(Held::Building {
                clean: s.streak,
                of: self.rules.advance_after(),
            })
        } else {
            None
        }
    }
}

/// Replays `records` (oldest first) against `rules`.
pub fn replay<'a, 'r>(
    rules: &'r Rules,
    records: impl IntoIterator<Item = &'a Record>,
) -> Progress<'r> {
    let mut r = Replay::new(rules);
    for record in records {
        r.feed(record);
    }
    r.finish()
}

/// Whether the program with `rules` owns a session that starts with these: its personal
/// sessions (a class counts for nobody's progress). The one place a replay reads its rules
/// before a session of its own starts: until then, the fold is the same under any rules
/// (`snapshot` starts a program that owns none of the journal's sessions from that state).
pub fn owns_session(rules: &Rules, source: &str, program: &str, class: bool) -> bool {
    !class && rules.owns(source, program)
}

/// The fold itself, one record at a time. Its state (all but the rules) is kept in the
/// journal's snapshot: `keep` and `resume` take it out and put it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Replay<'r> {
    #[serde(skip, default = "no_rules")]
    rules: &'r Rules,
    items: HashMap<String, ItemState>,
    /// The session under way (a new start ends any earlier one, so there is at most one).
    open: Option<(u64, RunTally)>,
    red_flag: bool,
    hold: bool,
    /// The items done in the last few finished sessions of this program.
    recent: VecDeque<(u64, Vec<String>)>,
    stopped: HashMap<String, Stopped>,
    /// Items to be done as their easier variant in the run about to start (the answers before
    /// its `session_start`).
    easier: Vec<(u64, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RunTally {
    /// A personal session of this program (not another program's, not a class).
    owned: bool,
    red_flag: bool,
    /// Per item key; a session has a handful, so a list beats hashing every event's key.
    items: Vec<(String, ItemTally)>,
    /// Items done as their easier variant in this run.
    easier: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ItemTally {
    /// One bit per set and side done: bit `(set - 1) * 2 + (right side)`.
    done: u32,
    level: Option<u32>,
    exercise: Option<String>,
    dose: Option<Dose>,
    skipped: bool,
    /// What the coach did after its check-ins: the most serious.
    worst: Option<Response>,
    /// The exercise a check-in stopped.
    stopped: Option<String>,
    /// The highest effort given.
    effort: Option<u8>,
}

enum Verdict {
    /// Clean, at an effort of 3 or less: counts twice.
    Easy,
    Clean,
    NotClean,
    /// Stopped for pain.
    Stopped,
}

impl<'r> Replay<'r> {
    pub fn new(rules: &'r Rules) -> Replay<'r> {
        Replay {
            rules,
            items: HashMap::new(),
            open: None,
            red_flag: false,
            hold: false,
            recent: VecDeque::new(),
            stopped: HashMap::new(),
            easier: Vec::new(),
        }
    }

    /// The state without its rules, to keep (in the snapshot) and `resume` later.
    pub fn keep(self) -> Replay<'static> {
        Replay {
            rules: no_rules(),
            items: self.items,
            open: self.open,
            red_flag: self.red_flag,
            hold: self.hold,
            recent: self.recent,
            stopped: self.stopped,
            easier: self.easier,
        }
    }

    /// Goes on from a kept state with the program's rules.
    pub fn resume(rules: &'r Rules, kept: Replay<'static>) -> Replay<'r> {
        let mut replay: Replay<'r> = kept;
        replay.rules = rules;
        replay
    }

    pub fn feed(&mut self, record: &Record) {
        let run = record.run;
        match &record.event {
            Event::SessionStart {
                program,
                source,
                items,
                class,
                ..
            } => {
                // A session that never ended before this one started is over for good (the
                // coach records it as abandoned unless it is resumed before any other starts).
                self.finish_open();
                let owned = owns_session(self.rules, source, program, *class);
                if owned {
                    for key in items {
                        self.progress(key);
                    }
                }
                if !class {
                    // "No progression today" lasts for the session that follows the answer.
                    self.hold = false;
                }
                let easier = self
                    .easier
                    .iter()
                    .filter(|(r, _)| *r == run)
                    .map(|(_, k)| k.clone())
                    .collect();
                self.easier.clear();
                self.open = Some((
                    run,
                    RunTally {
                        owned,
                        red_flag: false,
                        items: Vec::new(),
                        easier,
                    },
                ));
            }
            Event::SetDone {
                item,
                exercise,
                set,
                side,
                level,
                dose,
            } => {
                if let Some(t) = self.tally(run, item) {
                    if let Some(bit) = set_bit(*set, *side) {
                        t.done |= 1 << bit;
                    }
                    t.level = Some(*level);
                    t.dose = Some(*dose);
                    if t.exercise.as_deref() != Some(exercise) {
                        t.exercise = Some(exercise.clone());
                    }
                }
            }
            Event::Skipped { item, .. } => {
                if let Some(t) = self.tally(run, item) {
                    t.skipped = true;
                }
            }
            Event::CheckIn { item, exercise, .. } => {
                let answer = record.event.answer();
                if let (Some(t), Some(a)) = (self.tally(run, item), answer) {
                    let response = a.response();
                    t.worst = t.worst.max(Some(response));
                    t.effort = t.effort.max(a.effort);
                    if response.stops() {
                        t.stopped = Some(exercise.clone());
                    }
                }
            }
            Event::AfterPain { item, choice, .. } => match choice {
                PainChoice::Assessed => {
                    self.stopped.remove(item);
                }
                PainChoice::LeaveOut => {
                    if let Some(s) = self.stopped.get_mut(item) {
                        s.left_out = true;
                    }
                }
                PainChoice::Easier => {
                    if let Some(s) = self.stopped.get_mut(item) {
                        s.left_out = false;
                    }
                    self.easier.push((run, item.clone()));
                }
            },
            Event::RedFlag { .. } => {
                self.red_flag = true;
                if let Some((r, t)) = &mut self.open
                    && *r == run
                {
                    t.red_flag = true;
                }
            }
            Event::Clearance => self.red_flag = false,
            Event::FollowUp { about, answer } => match answer {
                NextDay::Settled | NextDay::MuscleSoreness => {}
                NextDay::StillSore => self.hold = true,
                NextDay::Worse => {
                    self.hold = true;
                    if self.open.as_ref().is_some_and(|(r, _)| r == about) {
                        self.finish_open();
                    }
                    if let Some(i) = self.recent.iter().position(|(r, _)| r == about)
                        && let Some((_, keys)) = self.recent.remove(i)
                    {
                        for key in keys {
                            let s = self.items.entry(key).or_default();
                            s.level = s.level.saturating_sub(1);
                            s.streak = 0;
                        }
                    }
                }
            },
            Event::Resumed { .. } | Event::Assessment { .. } | Event::AboutYou { .. } => {}
            Event::SessionEnd { .. } => {
                if self.open.as_ref().is_some_and(|(r, _)| *r == run) {
                    self.finish_open();
                }
            }
        }
    }

    /// Ends the replay: sessions that never ended (a crash) count as far as they went.
    pub fn finish(mut self) -> Progress<'r> {
        self.finish_open();
        Progress {
            rules: self.rules,
            items: self.items,
            stopped: self.stopped,
            red_flag: self.red_flag,
            hold: self.hold,
        }
    }

    fn finish_open(&mut self) {
        if let Some((run, t)) = self.open.take() {
            self.finalize(run, t);
        }
    }

    fn tally(&mut self, run: u64, item: &str) -> Option<&mut ItemTally> {
        let (r, t) = self.open.as_mut()?;
        if *r != run || !t.owned {
            return None;
        }
        let i = match t.items.iter().position(|(k, _)| k == item) {
            Some(i) => i,
            None => {
                self.rules.ladder(item)?;
                t.items.push((item.to_owned(), ItemTally::default()));
                t.items.len() - 1
            }
        };
        Some(&mut t.items[i].1)
    }

    /// A session of this program starts with `key` planned: move it up if it has earned it.
    fn progress(&mut self, key: &str) {
        let Some(top) = self.rules.ladder(key).map(|l| l.len() as u32 - 1) else {
            return;
        };
        let ready = !self.red_flag && !self.hold;
        let advance_after = self.rules.advance_after();
        if !self.items.contains_key(key) {
            self.items.insert(key.to_owned(), ItemState::default());
        }
        let Some(s) = self.items.get_mut(key) else {
            return;
        };
        s.level = s.level.min(top);
        if ready && s.pain_block == 0 && s.streak >= advance_after && s.level < top {
            s.level += 1;
            s.streak = 0;
        }
    }

    fn finalize(&mut self, run: u64, t: RunTally) {
        if !t.owned {
            return;
        }
        let mut done = Vec::new();
        for (key, tally) in t.items {
            let Some(rungs) = self.rules.ladder(&key) else {
                continue;
            };
            let top = rungs.len() as u32 - 1;
            let verdict = verdict(&tally, t.red_flag);
            if let Some(exercise) = &tally.stopped {
                self.stopped.insert(
                    key.clone(),
                    Stopped {
                        exercise: exercise.clone(),
                        left_out: false,
                    },
                );
            }
            if t.easier.contains(&key) {
                // The easier variant stood in: the item's own level neither moves nor holds,
                // but pain in the variant blocks its progression again.
                if matches!(verdict, Verdict::Stopped) {
                    let s = self.items.entry(key.clone()).or_default();
                    s.streak = 0;
                    s.pain_block = CLEAN_AFTER_PAIN;
                }
                if tally.done != 0 {
                    done.push(key);
                }
                continue;
            }
            let logged = match (tally.level, &tally.exercise, tally.dose) {
                (Some(l), Some(ex), Some(d)) => Some(match rungs.get(l as usize) {
                    Some(r) if &r.exercise == ex && same_work(r.dose, d) => (l, false),
                    _ => (nearest(rungs, ex, d), true),
                }),
                _ => None,
            };
            let s = match self.items.get_mut(&key) {
                Some(s) => s,
                None => self.items.entry(key.clone()).or_default(),
            };
            s.level = s.level.min(top);
            let (at, edited) = logged.unwrap_or((s.level, false));
            if edited {
                // The program changed under this item: restart at what was done, no higher.
                s.level = at;
                s.streak = 0;
            }
            match verdict {
                Verdict::Stopped => {
                    s.level = s.level.min(at).saturating_sub(1);
                    s.streak = 0;
                    s.pain_block = CLEAN_AFTER_PAIN;
                }
                Verdict::Clean | Verdict::Easy => {
                    s.pain_block = s.pain_block.saturating_sub(1);
                    // A session at a lower level than the item's (an older journal) is neither
                    // progress at this level nor a reason to hold it.
                    if !edited && at >= s.level {
                        s.streak += if matches!(verdict, Verdict::Easy) {
                            2
                        } else {
                            1
                        };
                    }
                }
                Verdict::NotClean => s.streak = 0,
            }
            if tally.done != 0 {
                done.push(key);
            }
        }
        done.sort();
        self.recent.push_back((run, done));
        if self.recent.len() > RECENT_RUNS {
            self.recent.pop_front();
        }
    }
}

fn verdict(t: &ItemTally, red_flag: bool) -> Verdict {
    if t.worst.is_some_and(Response::stops) {
        return Verdict::Stopped;
    }
    if red_flag
        || t.skipped
        || t.worst > Some(Response::CarryOn)
        || t.effort.is_some_and(|e| e >= HARD_EFFORT)
    {
        return Verdict::NotClean;
    }
    match t.dose {
        Some(d) if needed(d) & !t.done == 0 => {
            if t.effort.is_some_and(|e| e <= EASY_EFFORT) {
                Verdict::Easy
            } else {
                Verdict::Clean
            }
        }
        _ => Verdict::NotClean,
    }
}

#[cfg(test)]
#[path = "replay_tests.rs"]
mod tests;
