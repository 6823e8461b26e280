//! The report's sections after "At a glance": adherence, the weekly dose against the
//! guidance, each exercise's dose over time, pain and effort (with sharp pain, red flags,
//! day-after answers and skipped work), and the assessments against their norms.

use super::charts::{self, Guides};
use super::document::{Block, Section, Table, guidance, long_date, norms, plural, score};
use crate::assess::flags::by_test;
use crate::assess::norms::{Kind, Rule};
use crate::common::calendar::{date_text, day_label, week_of};
use crate::records::history::{Standing, WeekDose};
use crate::records::journal::{NextDay, SkipReason};
use crate::records::report::Report;

fn week_labels(r: &Report) -> Vec<String> {
    r.weeks.iter().map(|&w| day_label(w)).collect()
}

pub fn adherence(r: &Report) -> Section {
    let labels = week_labels(r);
    let mut blocks = Vec::new();
    if r.programs.is_empty() {
        blocks.push(Block::Para("No sessions are recorded.".into()));
    }
    for (i, p) in r.programs.iter().enumerate() {
        let weeks = r.adherence(i);
        if weeks.iter().all(|w| w.done == 0 && w.planned.is_none()) {
            continue;
        }
        blocks.push(Block::Heading(p.title.clone()));
        let done: Vec<u32> = weeks.iter().map(|w| w.done).collect();
        let planned: Vec<Option<u32>> = weeks.iter().map(|w| w.planned).collect();
        let met = weeks
            .iter()
            .filter(|w| w.planned.is_some_and(|p| w.done >= p))
            .count();
        let with_plan = weeks.iter().filter(|w| w.planned.is_some()).count();
        let desc = match p.per_week {
            Some(per) => format!(
                "Bars: sessions of {} done each week, {} weeks from {}; the thick line: the {per} a week planned. The plan was met in {met} of {with_plan} weeks.",
                p.title,
                weeks.len(),
                labels.first().cloned().unwrap_or_default()
            ),
            None => format!(
                "Bars: sessions of {} done each week, {} weeks; the program's plan is not known.",
                p.title,
                weeks.len()
            ),
        };
        let chart = charts::adherence(
            &format!("adherence-{i}"),
            &format!("Sessions a week: {}", p.title),
            &desc,
            &labels,
            &done,
            &planned,
        );
        let table = Table {
            caption: format!("Sessions of {} each week", p.title),
            head: vec!["week of".into(), "done".into(), "planned".into()],
            rows: weeks
                .iter()
                .map(|w| {
                    vec![
                        date_text(w.week),
                        w.done.to_string(),
                        w.planned.map_or("-".into(), |p| p.to_string()),
                    ]
                })
                .collect(),
        };
        blocks.push(Block::Chart(chart, table));
    }
    Section {
        id: "adherence",
        title: "Adherence: sessions against the plan".into(),
        blocks,
    }
}

fn mark(s: Standing) -> &'static str {
    match s {
        Standing::Below => " (below)",
        Standing::OnTrack => "",
        Standing::Above => " (above)",
    }
}

pub fn dose(r: &Report) -> Section {
    let rows = r
        .weeks
        .iter()
        .zip(&r.week_dose)
        .map(|(&w, d): (&i64, &WeekDose)| {
            vec![
                date_text(w),
                format!("{}{}", d.resistance_sessions, mark(d.resistance())),
                format!(
                    "{} ({} min){}",
                    d.balance_days,
                    d.balance_secs / 60,
                    mark(d.balance())
                ),
                format!(
                    "{} ({} min){}",
                    d.extension_days,
                    d.extension_secs / 60,
                    mark(d.extension())
                ),
                format!(
                    "{} ({} impacts){}",
                    d.impact_days,
                    d.impacts,
                    mark(d.impact())
                ),
            ]
        })
        .collect();
    let meets = r
        .week_dose
        .iter()
        .filter(|d| {
            [d.resistance(), d.balance(), d.extension(), d.impact()]
                .iter()
                .all(|s| *s != Standing::Below)
        })
        .count();
    Section {
        id: "dose",
        title: "The weekly dose against the guidance".into(),
        blocks: vec![
            Block::Para(format!(
                "The public guidance (Too Fit To Fracture; Royal Osteoporosis Society 2019), as upright's program summary uses it: {}. Every kind of work met it in {meets} of {} weeks. The first and last weeks may be partial.",
                guidance().join("; "),
                r.weeks.len()
            )),
            Block::Table(Table {
                caption: "Each week: resistance sessions; days with enough balance, back-extension and impact work (with the week's total)".into(),
                head: vec![
                    "week of".into(),
                    "resistance sessions".into(),
                    "balance days".into(),
                    "extension days".into(),
                    "impact days".into(),
                ],
                rows,
            }),
        ],
    }
}

pub fn exercises(r: &Report) -> Section {
    let mut blocks = vec![Block::Para("Each exercise's level at each session it was done (level 0 is the program's starting dose; each step up adds one), and the dose whenever it changed.".into())];
    let mut n = 0;
    for p in &r.programs {
        let items: Vec<_> = p.items.iter().filter(|i| !i.points.is_empty()).collect();
        if items.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(p.title.clone()));
        let (changed, steady): (Vec<_>, Vec<_>) =
            items.into_iter().partition(|i| i.changes().len() > 1);
        for item in changed {
            n += 1;
            let name = item.points.last().map_or("", |p| p.exercise.as_str());
            let changes = item.changes();
            let levels: Vec<(i64, u32)> = item.points.iter().map(|p| (p.day, p.level)).collect();
            let first = &item.points[0];
            let last = &item.points[item.points.len() - 1];
            let desc = format!(
                "{} sessions of {}: level {} on {} to level {} on {}; the dose changed {} times.",
                item.points.len(),
                item.key,
                first.level,
                date_text(first.day),
                last.level,
                date_text(last.day),
                changes.len() - 1
            );
            let chart = charts::levels(
                &format!("levels-{n}"),
                &format!("{name}: level at each session"),
                &desc,
                &levels,
                r.since,
                r.until,
                &day_label,
            );
            let table = Table {
                caption: format!("{} ({}): the dose from each change", name, item.key),
                head: vec![
                    "from".into(),
                    "exercise".into(),
                    "level".into(),
                    "dose".into(),
                ],
                rows: changes
                    .iter()
                    .map(|c| {
                        vec![
                            date_text(c.day),
                            c.exercise.clone(),
                            c.level.to_string(),
                            c.dose.describe(),
                        ]
                    })
                    .collect(),
            };
            blocks.push(Block::Chart(chart, table));
        }
        if !steady.is_empty() {
            n += steady.len();
            blocks.push(Block::Table(Table {
                caption: "Exercises whose dose did not change in this period".into(),
                head: ["exercise", "item", "sessions", "level", "dose"]
                    .map(String::from)
                    .to_vec(),
                rows: steady
                    .iter()
                    .map(|i| {
                        let p = &i.points[0];
                        vec![
                            p.exercise.clone(),
                            i.key.clone(),
                            i.points.len().to_string(),
                            p.level.to_string(),
                            p.dose.describe(),
                        ]
                    })
                    .collect(),
            }));
        }
    }
    if n == 0 {
        blocks.push(Block::Para("No sets were done in this period.".into()));
    }
    Section {
        id: "exercises",
        title: "Each exercise's dose over time".into(),
        blocks,
    }
}

pub fn pain(r: &Report) -> Section {
    let labels = week_labels(r);
    let n = r.weeks.len();
    let first = r.weeks.first().copied().unwrap_or(0);
    let mut counts = vec![[0u32; 4]; n];
    let mut effort = vec![(0u32, 0u32); n];
    let mut sharp = vec![false; n];
    let mut red = vec![false; n];
    for s in &r.sessions {
        let w = ((week_of(s.day) - first) / 7) as usize;
        if w >= n {
            continue;
        }
        for (c, f) in counts[w].iter_mut().zip(s.feelings) {
            *c += f;
        }
        effort[w].0 += s.effort_sum;
        effort[w].1 += s.efforts;
        sharp[w] |= !s.sharp.is_empty();
        red[w] |= s.red_flag;
    }
    for f in &r.red_flags {
        let w = ((week_of(f.day) - first) / 7) as usize;
        if let Some(x) = red.get_mut(w) {
            *x = true;
        }
    }
    let mean: Vec<Option<f64>> = effort
        .iter()
        .map(|&(s, c)| (c > 0).then(|| f64::from(s) / f64::from(c)))
        .collect();
    let total: [u32; 4] = counts.iter().fold([0; 4], |mut a, c| {
        (0..4).for_each(|k| a[k] += c[k]);
        a
    });
    let check_in_table = Table {
        caption: "Check-ins each week, by how they felt".into(),
        head: ["week of", "fine", "mild ache", "sore", "sharp"]
            .map(String::from)
            .to_vec(),
        rows: (0..n)
            .map(|w| {
                let mut row = vec![date_text(r.weeks[w])];
                row.extend(counts[w].iter().map(u32::to_string));
                row
            })
            .collect(),
    };
    let effort_table = Table {
        caption: "Effort, sharp pain and red flags each week".into(),
        head: [
            "week of",
            "efforts given",
            "mean effort",
            "sharp pain",
            "red flag",
        ]
        .map(String::from)
        .to_vec(),
        rows: (0..n)
            .map(|w| {
                let yes = |b: bool| if b { "yes".to_owned() } else { String::new() };
                vec![
                    date_text(r.weeks[w]),
                    effort[w].1.to_string(),
                    mean[w].map_or("-".into(), |e| format!("{e:.1}")),
                    yes(sharp[w]),
                    yes(red[w]),
                ]
            })
            .collect(),
    };
    let mut blocks = vec![Block::Para("Check-ins after each exercise: how it felt (nothing or muscles working, a mild ache, stronger dull soreness, sharp pain) and the effort on the Borg CR10 scale (0-10), chosen by the person or skipped.".into())];
    blocks.push(Block::Chart(
        charts::check_ins(
            "check-ins",
            "Check-ins each week, by how they felt",
            &format!(
                "Stacked bars, one per week: {} check-ins fine, {} a mild ache, {} stronger soreness and {} sharp pain over {n} weeks.",
                total[0], total[1], total[2], total[3]
            ),
            &labels,
            &counts,
        ),
        check_in_table,
    ));
    let weeks_sharp = sharp.iter().filter(|s| **s).count();
    let weeks_red = red.iter().filter(|s| **s).count();
    blocks.push(Block::Chart(
        charts::effort(
            "effort",
            "Effort each week, with sharp pain and red flags",
            &format!(
                "A line of the mean effort each week (0-10) over {n} weeks, against the 5-8 that resistance work aims at; triangles mark the {} with sharp pain, crosses the {} with a red flag. The figures are in the table below.",
                plural(weeks_sharp as u32, "week", "weeks"),
                plural(weeks_red as u32, "week", "weeks")
            ),
            &labels,
            &mean,
            &sharp,
            &red,
        ),
        effort_table,
    ));
    blocks.push(Block::Heading("Sharp pain and red flags".into()));
    let mut events: Vec<(i64, Vec<String>)> = r
        .sharp_pain()
        .into_iter()
        .map(|(d, e)| {
            (
                d,
                vec![date_text(d), format!("Sharp pain: {e}"), String::new()],
            )
        })
        .collect();
    events.extend(r.red_flags.iter().map(|f| {
        (
            f.day,
            vec![
                date_text(f.day),
                format!("Red flag: {}", f.symptoms.join("; ")),
                f.cleared.map_or("not cleared".into(), |d| {
                    format!("cleared {}", date_text(d))
                }),
            ],
        )
    }));
    events.sort_by_key(|e| e.0);
    if events.is_empty() {
        blocks.push(Block::Para("None in this period.".into()));
    } else {
        blocks.push(Block::Table(Table {
            caption: "Sharp pain (the exercise stopped and was not progressed) and red flags (the session ended)".into(),
            head: ["date", "what", "clearance"].map(String::from).to_vec(),
            rows: events.into_iter().map(|e| e.1).collect(),
        }));
    }
    blocks.push(Block::Heading("The day after".into()));
    let count = |a: NextDay| r.follow_ups.iter().filter(|f| f.answer == a).count();
    if r.follow_ups.is_empty() {
        blocks.push(Block::Para("No day-after answers in this period.".into()));
    } else {
        blocks.push(Block::Para(format!(
            "{}: settled {}, still sore {} (no progression that day), worse {} (that session's exercises stepped back).",
            plural(r.follow_ups.len() as u32, "answer", "answers"),
            count(NextDay::Settled),
            count(NextDay::StillSore),
            count(NextDay::Worse)
        )));
        let not_settled: Vec<Vec<String>> = r
            .follow_ups
            .iter()
            .filter(|f| f.answer != NextDay::Settled)
            .map(|f| {
                vec![
                    date_text(f.about),
                    date_text(f.day),
                    f.answer.label().to_owned(),
                ]
            })
            .collect();
        if !not_settled.is_empty() {
            blocks.push(Block::Table(Table {
                caption: "Answers other than settled".into(),
                head: ["session of", "asked on", "answer"]
                    .map(String::from)
                    .to_vec(),
                rows: not_settled,
            }));
        }
    }
    blocks.push(Block::Heading("Skipped work".into()));
    let mut skipped: Vec<(String, u32, u32, u32)> = Vec::new();
    for s in &r.skipped {
        let i = match skipped.iter().position(|x| x.0 == s.exercise) {
            Some(i) => i,
            None => {
                skipped.push((s.exercise.clone(), 0, 0, 0));
                skipped.len() - 1
            }
        };
        skipped[i].1 += 1;
        skipped[i].2 += s.sets;
        skipped[i].3 += u32::from(s.reason == SkipReason::Pain);
    }
    if skipped.is_empty() {
        blocks.push(Block::Para("Nothing was skipped.".into()));
    } else {
        skipped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        blocks.push(Block::Table(Table {
            caption: "Exercises skipped, most often first".into(),
            head: ["exercise", "times", "sets not done", "after sharp pain"]
                .map(String::from)
                .to_vec(),
            rows: skipped
                .into_iter()
                .map(|s| vec![s.0, s.1.to_string(), s.2.to_string(), s.3.to_string()])
                .collect(),
        }));
    }
    Section {
        id: "pain",
        title: "Pain, effort and what was skipped".into(),
        blocks,
    }
}

pub fn assessments(r: &Report) -> Section {
    let a = &r.assessments;
    let person = a.person();
    let mut blocks = Vec::new();
    blocks.push(Block::Para(match a.person {
        None => "Age and sex were not asked yet: results are shown without norms.".into(),
        Some(p) => match (p.age_on(r.until), p.sex) {
            (Some(age), Some(sex)) => format!(
                "Age {age} (on {}), {}: results are set against the published figures for that age and sex.",
                long_date(r.until),
                sex.label()
            ),
            _ => "Age or sex was skipped: results are shown without norms; flags that do not depend on age still apply.".into(),
        },
    }));
    let flags = a.flags();
    if !flags.is_empty() {
        blocks.push(Block::Heading("Flags standing".into()));
        blocks.push(Block::List(
            flags
                .iter()
                .map(|f| {
                    format!(
                        "{} ({}): {} {}",
                        f.test.name(),
                        date_text(f.day),
                        f.why,
                        f.advice
                    )
                })
                .collect(),
        ));
    }
    // The results inside the range, and the last one before it as a baseline.
    let mut any = false;
    for (test, results) in by_test(&a.results) {
        let before = results.iter().rposition(|x| x.day < r.since);
        let shown: Vec<_> = results
            .iter()
            .enumerate()
            .filter(|(i, x)| x.day >= r.since || Some(*i) == before)
            .map(|(_, x)| x)
            .collect();
        if shown.is_empty() {
            continue;
        }
        any = true;
        let rows: Vec<Vec<String>> = shown
            .iter()
            .map(|x| {
                let cmp = x
                    .stopped
                    .is_none()
                    .then(|| norms().compare(&x.measure, &person, x.day))
                    .flatten();
                let upto = results
                    .iter()
                    .position(|y| std::ptr::eq(y, *x))
                    .map_or(0, |i| i + 1);
                let flagged = crate::assess::flags::flags(&results[..upto], &person, norms());
                vec![
                    format!(
                        "{}{}",
                        date_text(x.day),
                        if x.day < r.since { " (before)" } else { "" }
                    ),
                    match x.stopped {
                        Some(s) => format!("{} ({})", x.measure.describe(), s.label()),
                        None => x.measure.describe(),
                    },
                    cmp.as_ref().map_or("no norm".into(), |c| {
                        format!("{}: {} {}", c.who(), c.figures(), c.caveat())
                            .trim_end()
                            .to_owned()
                    }),
                    cmp.as_ref().map_or(String::new(), |c| c.words()),
                    flagged
                        .iter()
                        .map(|f| f.why.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            })
            .collect();
        let points: Vec<(i64, f64)> = shown
            .iter()
            .filter(|x| x.stopped.is_none())
            .filter_map(|x| x.measure.score().map(|s| (x.day, s)))
            .collect();
        let last = shown[shown.len() - 1];
        let norm = norms().norm(test, &person, last.day);
        let band = norm.map(|n| {
            let what = match n.kind {
                Kind::Mean => "average".to_owned(),
                Kind::MeanCi | Kind::Range => "usual range".to_owned(),
            };
            (
                n.low,
                n.high,
                format!(
                    "{what} for the age: {}-{}",
                    score(test, n.low),
                    score(test, n.high)
                ),
            )
        });
        let cutoff = norms()
            .cutoffs(test, &person, last.day)
            .into_iter()
            .find_map(|c| match c.rule {
                Rule::Below(x) => Some((x, format!("flag below {}", score(test, x)))),
                Rule::AtLeast(x) => Some((x, format!("flag at {} or more", score(test, x)))),
                Rule::Above(x) => Some((x, format!("flag above {}", score(test, x)))),
                _ => None,
            });
        let values: Vec<String> = points
            .iter()
            .map(|p| format!("{} on {}", score(test, p.1), date_text(p.0)))
            .collect();
        let desc = format!(
            "{} results ({}): {}.{}{}",
            test.name(),
            test.unit(),
            if values.is_empty() {
                "none to plot".into()
            } else {
                values.join(", ")
            },
            band.as_ref()
                .map_or(String::new(), |b| format!(" Hatched band: the {}.", b.2)),
            cutoff
                .as_ref()
                .map_or(String::new(), |c| format!(" Dashed line: {}.", c.1)),
        );
        let chart = charts::trend(
            &format!("trend-{}", test.id()),
            &format!("{} over time", test.name()),
            &desc,
            &points,
            &Guides { band, cutoff },
            test.unit(),
            &day_label,
        );
        let table = Table {
            caption: format!("{} results", test.name()),
            head: [
                "date",
                "result",
                "norm for the age",
                "against the norm",
                "flag",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        };
        blocks.push(Block::Chart(chart, table));
    }
    if !any {
        blocks.push(Block::Para(
            "No assessment was recorded in or before this period.".into(),
        ));
    }
    Section {
        id: "assessments",
        title: "Assessments against their norms".into(),
        blocks,
    }
}
