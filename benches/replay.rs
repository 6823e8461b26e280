//! Replaying ten years of daily sessions (about 100,000 journal events) into progress levels,
//! in memory and from disk, and building the history screen's figures from them. Targets:
//! under 100 ms and under 50 MB for the replay.
//!
//! Peak memory is measured with a counting global allocator (every byte allocated and freed
//! through it), printed before divan's timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::{Bencher, black_box};
use upright::common::calendar::{Calendar, stamp};
use upright::program::bundled;
use upright::program::{Library, Program};
use upright::records::history::{Available, History};
use upright::records::journal::{Event, Feeling, NextDay, Outcome, Record};
use upright::records::replay::{Rules, replay};
use upright::training::checkin::Answer;
use upright::training::plan::{Side, plan};
use upright::training::runnable::Runnable;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed straight to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The program whose levels are replayed.
const SOURCE: &str = "home-foundations";
/// The one done on the other days.
const DAILY: &str = "daily-balance-posture";
const DAYS: u64 = 3650;

fn program() -> Program {
    named(SOURCE)
}

fn named(name: &str) -> Program {
    bundled::find(name)
        .unwrap()
        .check()
        .program
        .expect("the bundled program loads")
}

/// Ten years of daily sessions: the bundled Home Foundations on Mondays, Wednesdays and
/// Fridays (sessions A and B in turn) and Daily Balance and Posture on the other days, with
/// every set, a check-in per exercise (now and then soreness or sharp pain), a next-day
/// answer every week, and a red flag and clearance twice a year. Levels climb one rung every
/// three weeks, so logged doses match the ladders as the coach would write them.
fn ten_years() -> Vec<Record> {
    let programs = [named(SOURCE), named(DAILY)];
    let runnables: Vec<Runnable> = programs.iter().cloned().map(Runnable::new).collect();
    let rules: Vec<Rules> = runnables
        .iter()
        .zip([SOURCE, DAILY])
        .map(|(r, s)| Rules::new(r, s))
        .collect();
    let mut records = Vec::new();
    let start = 1_483_261_200; // 2017-01-01 09:00 UTC
    for day in 0..DAYS {
        let at = stamp(start + day * 86_400);
        let run = (start + day * 86_400) * 1000;
        let mut push = |event| {
            records.push(Record {
                at: at.clone(),
                run,
                event,
            })
        };
        if day % 7 == 1 {
            push(Event::FollowUp {
                about: run - 86_400_000,
                answer: if day % 28 == 1 {
                    NextDay::StillSore
                } else {
                    NextDay::Settled
                },
            });
        }
        if day % 182 == 100 {
            push(Event::Clearance);
        }
        // 2017-01-01 was a Sunday.
        let which = usize::from(!matches!(day % 7, 1 | 3 | 5));
        let (p, runnable, rules) = (&programs[which], &runnables[which], &rules[which]);
        let session = &p.sessions[(day / 2) as usize % p.sessions.len()].name;
        let levels = rules_levels(p, rules, day);
        let plan = plan(runnable, Some(session), &levels, day).unwrap();
        push(Event::SessionStart {
            program: plan.program.clone(),
            source: [SOURCE, DAILY][which].into(),
            session: plan.session.clone(),
            seed: day,
            items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
            class: false,
        });
        for (i, e) in plan.exercises.iter().enumerate() {
            for set in 1..=e.dose.sets() {
                let sides = if e.dose.per_side() {
                    vec![Some(Side::Left), Some(Side::Right)]
                } else {
                    vec![None]
                };
                for side in sides {
                    push(Event::SetDone {
                        item: e.key.0.clone(),
                        exercise: e.exercise.id.clone(),
                        set,
                        side,
                        level: e.level,
                        dose: e.dose,
                    });
                }
            }
            let feeling = match (day + i as u64) % 41 {
                0 => Feeling::Sharp,
                1..=4 => Feeling::Sore,
                5..=15 => Feeling::MildAche,
                _ => Feeling::Fine,
            };
            push(Event::check_in(
                e.key.0.clone(),
                e.exercise.id.clone(),
                Answer::from_feeling(feeling, Some(4 + (day % 4) as u8)),
            ));
        }
        if day % 182 == 99 {
            push(Event::red_flag(vec!["Fainting or near-fainting".into()]));
        }
        push(Event::SessionEnd {
            outcome: if day % 182 == 99 {
                Outcome::RedFlag
            } else {
                Outcome::Completed
            },
        });
    }
    records
}

/// A level a few weeks' clean sessions would reach by `day`, clamped to each ladder.
fn rules_levels(
    p: &Program,
    rules: &Rules,
    day: u64,
) -> std::collections::HashMap<upright::training::plan::ItemKey, u32> {
    let mut levels = std::collections::HashMap::new();
    for s in &p.sessions {
        for b in &s.blocks {
            for item in &b.items {
                let key = upright::training::plan::ItemKey::new(&s.name, &b.name, &item.exercise);
                let top = rules.ladder(&key.0).map_or(0, |l| l.len() as u32 - 1);
                levels.insert(key, ((day / 21) as u32).min(top));
            }
        }
    }
    levels
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    Library::bundled();
    let p = program();
    let runnable = Runnable::new(p.clone());
    let rules = Rules::new(&runnable, SOURCE);

    let before = CURRENT.load(Ordering::Relaxed);
    let records = ten_years();
    let held = CURRENT.load(Ordering::Relaxed) - before;

    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = CURRENT.load(Ordering::Relaxed);
    black_box(replay(&rules, &records).levels());
    let replay_peak = PEAK.load(Ordering::Relaxed) - base;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut text = Vec::new();
    for r in &records {
        serde_json::to_writer(&mut text, r).unwrap();
        text.push(b'\n');
    }
    std::fs::write(&path, &text).unwrap();
    let file_bytes = text.len();
    drop(text);
    let n = records.len();
    drop(records);

    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = CURRENT.load(Ordering::Relaxed);
    let read = upright::records::journal::read(&path).unwrap();
    black_box(replay(&rules, &read).levels());
    let disk_peak = PEAK.load(Ordering::Relaxed) - base;
    drop(read);

    eprintln!(
        "replay memory: {n} events ({:.1} MB journal file); records in memory {:.1} MB; \
         replay itself peaks at {:.2} MB more; reading the file and replaying peaks at {:.1} MB",
        mb(file_bytes),
        mb(held),
        mb(replay_peak),
        mb(disk_peak),
    );
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn replay_ten_years_in_memory(bencher: Bencher) {
    let p = program();
    let runnable = Runnable::new(p.clone());
    let rules = Rules::new(&runnable, SOURCE);
    let records = ten_years();
    bencher.bench(|| black_box(replay(&rules, &records).levels()));
}

#[divan::bench(sample_count = 10)]
fn read_and_replay_ten_years_from_disk(bencher: Bencher) {
    let p = program();
    let runnable = Runnable::new(p.clone());
    let rules = Rules::new(&runnable, SOURCE);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut text = Vec::new();
    for r in ten_years() {
        serde_json::to_writer(&mut text, &r).unwrap();
        text.push(b'\n');
    }
    std::fs::write(&path, &text).unwrap();
    bencher.bench(|| {
        let records = upright::records::journal::read(&path).unwrap();
        black_box(replay(&rules, &records).levels())
    });
}

#[divan::bench(sample_count = 10)]
fn history_screen_figures_ten_years(bencher: Bencher) {
    let p = program();
    let records = ten_years();
    let runnable = Runnable::new(p.clone());
    let available = [Available {
        runnable: &runnable,
        source: SOURCE.into(),
    }];
    let today = (1_483_261_200 + DAYS * 86_400) as i64 / 86_400;
    bencher.bench(|| {
        black_box(History::build(
            &records,
            &available,
            today,
            &Calendar::utc(),
        ))
    });
}
