//! The ten-year bench journal, shared by the replay and report benchmarks: about 100,000
//! events of daily sessions, written the way the coach writes them.

use upright::common::calendar::stamp;
use upright::program::Program;
use upright::program::bundled;
use upright::records::journal::{Event, Feeling, NextDay, Outcome, Record};
use upright::records::replay::Rules;
use upright::training::checkin::Answer;
use upright::training::plan::{Side, plan};
use upright::training::runnable::Runnable;

/// The program whose levels are replayed.
pub const SOURCE: &str = "home-foundations";
/// The one done on the other days.
pub const DAILY: &str = "daily-balance-posture";
pub const DAYS: u64 = 3650;

pub fn program() -> Program {
    named(SOURCE)
}

pub fn named(name: &str) -> Program {
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
pub fn ten_years() -> Vec<Record> {
    let mut records = Vec::new();
    each_record(DAYS, |r| records.push(r));
    records
}

/// 2017-01-01 09:00 UTC, the first day.
pub const START: u64 = 1_483_261_200;

/// Every record of `days` days of such sessions from 2017-01-01 on, one at a time (a hundred
/// years need not be held in memory to be written).
pub fn each_record(days: u64, mut out: impl FnMut(Record)) {
    let programs = [named(SOURCE), named(DAILY)];
    let runnables: Vec<Runnable> = programs.iter().cloned().map(Runnable::new).collect();
    let rules: Vec<Rules> = runnables
        .iter()
        .zip([SOURCE, DAILY])
        .map(|(r, s)| Rules::new(r, s))
        .collect();
    for day in 0..days {
        let at = stamp(START + day * 86_400);
        let run = (START + day * 86_400) * 1000;
        let mut push = |event| {
            out(Record {
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
            push(Event::red_flag(vec![
                "Dizziness, fainting or palpitations".into(),
            ]));
        }
        push(Event::SessionEnd {
            outcome: if day % 182 == 99 {
                Outcome::RedFlag
            } else {
                Outcome::Completed
            },
        });
    }
}

/// A level a few weeks' clean sessions would reach by `day`, clamped to each ladder.
pub fn rules_levels(
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
