//! What the journal says about one run of a session, read before or during it: a session that
//! stopped without an end (`unfinished`: where to go on from), what a run does instead with
//! exercises that stopped for pain (`instead_for`, the answers before it; `asked_after_pain`,
//! the items already asked about), and the bits of the
//! sets and sides a dose plans, which replay counts too. Pure: records in, answers out.

use std::collections::{HashMap, HashSet};

use crate::program::Dose;
use crate::records::journal::{Event, PainChoice, Record};
use crate::training::plan::{Instead, ItemKey, Side};

/// One bit per set and side done: bit `(set - 1) * 2 + (right side)`, for sets 1 to 16.
pub(crate) fn set_bit(set: u32, side: Option<Side>) -> Option<u32> {
    (1..=16)
        .contains(&set)
        .then(|| (set - 1) * 2 + u32::from(side == Some(Side::Right)))
}

/// The bits of every set and side a dose plans.
pub(crate) fn needed(d: Dose) -> u32 {
    let mut mask = 0;
    for set in 1..=d.sets().min(16) {
        if d.per_side() {
            for side in [Side::Left, Side::Right] {
                mask |= set_bit(set, Some(side)).map_or(0, |b| 1 << b);
            }
        } else {
            mask |= set_bit(set, None).map_or(0, |b| 1 << b);
        }
    }
    mask
}

/// What run `run` does instead with items that stopped for pain before it: the answers
/// recorded for it (before its `session_start`). An item assessed since is planned as usual.
pub fn instead_for(records: &[Record], run: u64) -> HashMap<ItemKey, Instead> {
    let mut out = HashMap::new();
    for r in records.iter().filter(|r| r.run == run) {
        if let Event::AfterPain {
            item,
            choice,
            instead,
            ..
        } = &r.event
        {
            let key = ItemKey(item.clone());
            match (choice, instead) {
                (PainChoice::Assessed, _) => {
                    out.remove(&key);
                }
                (PainChoice::Easier, Some(id)) => {
                    out.insert(key, Instead::Easier(id.clone()));
                }
                // An easier variant nobody named: left out, the safe reading.
                (PainChoice::LeaveOut | PainChoice::Easier, _) => {
                    out.insert(key, Instead::LeaveOut);
                }
            }
        }
    }
    out
}

/// The items run `run` has been asked about after pain: its answers at the end of `records`
/// (the run about to start records its answers last).
pub fn asked_after_pain(records: &[Record], run: u64) -> HashSet<&str> {
    records
        .iter()
        .rev()
        .take_while(|r| r.run == run)
        .filter_map(|r| match &r.event {
            Event::AfterPain { item, .. } => Some(item.as_str()),
            _ => None,
        })
        .collect()
}

/// A session that stopped without an end (a crash, a kill, a power cut): the last session
/// started, if it has no `session_end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    pub run: u64,
    /// Index of its `session_start` in the records.
    pub start: usize,
    pub program: String,
    pub source: String,
    pub session: String,
    pub seed: u64,
    pub items: Vec<String>,
    /// Sets done before it stopped.
    pub sets_done: u32,
    /// The planned item to go on from: the first one not finished (all its sets done and
    /// checked in, skipped, or stopped by sharp pain).
    pub resume_at: usize,
    /// When its last event was written.
    pub last_at: String,
}

/// The last session started, when it never ended; `None` when it ended, or when every item was
/// already finished (only its end was lost).
pub fn unfinished(records: &[Record]) -> Option<Unfinished> {
    let start = records
        .iter()
        .rposition(|r| matches!(r.event, Event::SessionStart { class: false, .. }))?;
    let Event::SessionStart {
        program,
        source,
        session,
        seed,
        items,
        ..
    } = &records[start].event
    else {
        return None;
    };
    let run = records[start].run;
    let mine = || records[start..].iter().filter(|r| r.run == run);
    if mine().any(|r| matches!(r.event, Event::SessionEnd { .. })) {
        return None;
    }
    // Per item: sets done, the dose's sets, and whether it is finished.
    let mut state: HashMap<&str, (u32, u32, bool)> = HashMap::new();
    let mut sets_done = 0;
    let mut last_at = &records[start].at;
    for r in mine() {
        last_at = &r.at;
        match &r.event {
            Event::SetDone {
                item,
                set,
                side,
                dose,
                ..
            } => {
                sets_done += 1;
                let e = state.entry(item).or_default();
                if let Some(bit) = set_bit(*set, *side) {
                    e.0 |= 1 << bit;
                }
                e.1 = needed(*dose);
            }
            Event::Skipped { item, .. } => state.entry(item).or_default().2 = true,
            Event::CheckIn { item, .. } => {
                let stops = r.event.answer().is_some_and(|a| a.response().stops());
                let e = state.entry(item).or_default();
                if stops || (e.1 != 0 && e.1 & !e.0 == 0) {
                    e.2 = true;
                }
            }
            _ => {}
        }
    }
    let resume_at = items
        .iter()
        .position(|k| !state.get(k.as_str()).is_some_and(|s| s.2))?;
    Some(Unfinished {
        run,
        start,
        program: program.clone(),
        source: source.clone(),
        session: session.clone(),
        seed: *seed,
        items: items.clone(),
        sets_done,
        resume_at,
        last_at: last_at.clone(),
    })
}
