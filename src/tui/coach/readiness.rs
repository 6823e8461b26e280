//! The readiness check before a session: clearance after a red flag, resuming a session that
//! stopped without an end, the day after the last session, what to do with each exercise that
//! stopped for pain and has not been assessed (its easier variant, leave it out, or do it as
//! planned), and the fracture question. Which question comes next is the core's rule
//! (`training::readiness`); this screen words it, takes the answer (each question with its own
//! keys), records it, and then starts the session (planned again with the answers in the
//! journal).

use std::collections::HashMap;
use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;

use super::advice::Advice;
use super::session::Run;
use super::shared::Shared;
use crate::common::text::clean_line;
use crate::program::Dose;
use crate::records::journal::{Event, NextDay, Outcome, PainChoice};
use crate::records::runs::{Unfinished, instead_for};
use crate::training::plan::{ItemKey, easier_variant};
use crate::training::readiness::{
    PainQuestion, Question, Stage, after_pain_question, next_question,
};
use crate::training::{Engine, safety};
use crate::tui::keys::{Binding, bind, ch, digits};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered_text;

#[derive(Debug)]
pub struct Readiness {
    pub run: Run,
    pub step: ReadyStep,
    /// Said above the last question: what an answer before it changed.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadyStep {
    /// A red flag from a past session is not cleared yet: its symptoms.
    Clearance(Vec<String>),
    /// The last session stopped without an end: go on with it, or discard it.
    Resume(Box<ResumeOffer>),
    /// How was the day after the last session (run id, and when it was)?
    FollowUp {
        about: u64,
        when: String,
    },
    /// An exercise of today's plan stopped for pain last time and has not been assessed.
    AfterPain(Box<PainOffer>),
    Fracture,
}

/// The question about an exercise that stopped for pain, with what each answer would mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PainOffer {
    pub question: PainQuestion,
    /// The name of the exercise that stopped.
    pub stopped: String,
    /// Its easier variant (the program's own, then the library's): id, name and the dose it
    /// would be done at (the item's first).
    pub easier: Option<(String, String, Dose)>,
    /// What "as planned" is today: the exercise's name and dose.
    pub planned: (String, Dose),
}

/// A session that stopped without an end, offered for resuming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeOffer {
    pub unfinished: Unfinished,
    /// The program (index into `App::programs`) and its plan's exercise names, when it can be
    /// resumed; otherwise why not.
    pub resumable: Result<(usize, Vec<String>), String>,
    /// When it stopped, in words, in the person's time zone ("yesterday at 18:30").
    pub when: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Yes,
    No,
    Resume,
    Discard,
    Answer(NextDay),
    /// What to do with an exercise that stopped for pain.
    Pain(PainChoice),
    /// A spine fracture that has been assessed: only a program marked for it runs.
    FractureAssessed,
    Back,
}

pub fn keys(r: &Readiness) -> Vec<Binding<Action>> {
    let back = bind("Esc", "back", Action::Back, &[KeyCode::Esc, ch('q')]);
    let yes_no = || {
        vec![
            bind("y", "yes", Action::Yes, &[ch('y'), ch('Y')]),
            bind("n", "no", Action::No, &[ch('n'), ch('N')]),
        ]
    };
    let mut table = match &r.step {
        ReadyStep::Clearance(_) => yes_no(),
        ReadyStep::Fracture => {
            let mut table = yes_no();
            table.push(bind(
                "a",
                "assessed fracture",
                Action::FractureAssessed,
                &[ch('a'), ch('A')],
            ));
            table
        }
        ReadyStep::Resume(offer) => vec![
            bind("r", "resume", Action::Resume, &[ch('r'), ch('R')]).when(offer.resumable.is_ok()),
            bind("d", "discard", Action::Discard, &[ch('d'), ch('D')]),
        ],
        ReadyStep::AfterPain(offer) => vec![
            bind(
                "e",
                "easier variant",
                Action::Pain(PainChoice::Easier),
                &[ch('e'), ch('E')],
            )
            .when(offer.easier.is_some()),
            bind(
                "l",
                "leave it out",
                Action::Pain(PainChoice::LeaveOut),
                &[ch('l'), ch('L')],
            ),
            bind(
                "a",
                "assessed: as planned",
                Action::Pain(PainChoice::Assessed),
                &[ch('a'), ch('A')],
            ),
        ],
        ReadyStep::FollowUp { .. } => vec![digits("answer", 1, NextDay::ALL.len() as u8, |d| {
            Action::Answer(NextDay::ALL[usize::from(d.max(1)) - 1])
        })],
    };
    table.push(back);
    table
}

/// The readiness check for the selected program and session; `None` when it cannot run.
pub fn start(app: &Shared, now: Instant) -> Option<Readiness> {
    let entry = app.programs.get(app.selected)?;
    // A program with errors never reaches a session.
    let program = entry.checked.safe_program()?;
    let session = program.sessions.get(app.session)?.name.clone();
    let source = entry.origin.label();
    let seed = app.seed.unwrap_or_else(rand::random);
    // Planned again when the session starts, with the answers to the questions before it.
    let levels = app.levels_for(app.selected);
    let plan = app.plan_for(app.selected, &session, &levels, &HashMap::new(), seed)?;
    let run = Run::new(Engine::new(plan, now), app.new_run_id(), source, None);
    let step = step_from(app, &run, Stage::Clearance);
    Some(Readiness {
        run,
        step,
        note: None,
    })
}

/// The readiness question from stage `from` on, in words. `run` is the session about to
/// start, planned with today's levels and nothing left out.
fn step_from(app: &Shared, run: &Run, from: Stage) -> ReadyStep {
    let now = app.unix_now();
    let calendar = app.wall.calendar();
    let records = app.records();
    let planned: Vec<ItemKey> = run
        .engine
        .plan()
        .exercises
        .iter()
        .map(|e| e.key.clone())
        .collect();
    let after_pain = || {
        let progress = app.progress_for(app.selected)?;
        after_pain_question(&progress, &records, run.id, &planned)
    };
    match next_question(&records, from, now, after_pain) {
        Question::Clearance(symptoms) => ReadyStep::Clearance(symptoms),
        Question::Resume {
            unfinished,
            stopped_at,
        } => ReadyStep::Resume(Box::new(ResumeOffer {
            resumable: resumable(app, &unfinished),
            when: calendar.when(stopped_at, now),
            unfinished,
        })),
        Question::FollowUp { about, ended_at } => ReadyStep::FollowUp {
            about,
            when: calendar.when(ended_at, now),
        },
        Question::AfterPain(q) => match pain_offer(app, run, q) {
            Some(offer) => ReadyStep::AfterPain(Box::new(offer)),
            None => ReadyStep::Fracture,
        },
        Question::Fracture => ReadyStep::Fracture,
    }
}

/// The words of the question about an exercise that stopped for pain.
fn pain_offer(app: &Shared, run: &Run, question: PainQuestion) -> Option<PainOffer> {
    let runnable = app.runnable(app.selected)?;
    let catalog = runnable.catalog();
    let planned = run
        .engine
        .plan()
        .exercises
        .iter()
        .find(|e| e.key == question.item)?;
    let first = runnable.ladder(&question.item)?.first()?.dose;
    let stopped = catalog
        .get(&question.exercise)
        .map_or(question.exercise.clone(), |e| e.name.clone());
    let easier =
        easier_variant(&catalog, &question.exercise).map(|e| (e.id.clone(), e.name.clone(), first));
    Some(PainOffer {
        stopped,
        easier,
        planned: (planned.exercise.name.clone(), planned.dose),
        question,
    })
}

/// Whether the unfinished session can be resumed here: its program is here and plans the
/// same items with the same seed and the levels it had.
fn resumable(app: &Shared, u: &Unfinished) -> Result<(usize, Vec<String>), String> {
    let index = app.programs.iter().position(|e| {
        e.origin.label() == u.source
            || e.checked
                .safe_program()
                .is_some_and(|p| p.title == u.program)
    });
    let Some(i) = index else {
        return Err(format!(
            "{} is not among the programs here",
            clean_line(&u.program)
        ));
    };
    let levels = app.levels_at_last_start(i);
    let instead = instead_for(&app.records(), u.run);
    match app.plan_for(i, &u.session, &levels, &instead, u.seed) {
        Some(p) if p.exercises.iter().map(|e| &e.key.0).eq(u.items.iter()) => Ok((
            i,
            p.exercises
                .iter()
                .map(|e| e.exercise.name.clone())
                .collect(),
        )),
        _ => Err("its program has changed since".to_owned()),
    }
}

/// Where an answer leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    Stay,
    /// Back home (or out).
    Leave,
    /// Not today: advice to read.
    Stopped(Advice),
    /// Every question answered: the session begins (see `begin`).
    Begin,
}

pub fn act(r: &mut Readiness, app: &mut Shared, action: Action, now: Instant) -> Go {
    let id = r.run.id;
    match (&r.step, action) {
        (_, Action::Back) => return Go::Leave,
        (ReadyStep::Clearance(_), Action::Yes) => {
            app.record(id, Event::Clearance);
            r.step = step_from(app, &r.run, Stage::Clearance.next());
        }
        (ReadyStep::Clearance(_), Action::No) => {
            return Go::Stopped(Advice {
                urgency: None,
                title: "Please get cleared first".into(),
                lines: vec![
                    "After a red flag, a doctor or physiotherapist should confirm that you can exercise again before your next session.".into(),
                    "When they have, start upright again and answer yes.".into(),
                    safety::NOT_A_DIAGNOSIS.into(),
                ],
            });
        }
        (ReadyStep::Resume(offer), Action::Resume) => {
            let offer = offer.clone();
            if let Ok((index, _)) = offer.resumable
                && let Some(resumed) = resume(app, &offer, index, now)
            {
                *r = resumed;
            }
        }
        (ReadyStep::Resume(offer), Action::Discard) => {
            let run = offer.unfinished.run;
            app.record(
                run,
                Event::SessionEnd {
                    outcome: Outcome::Abandoned,
                },
            );
            r.step = step_from(app, &r.run, Stage::Resume.next());
        }
        (ReadyStep::FollowUp { about, .. }, Action::Answer(answer)) => {
            let about = *about;
            app.record(id, Event::FollowUp { about, answer });
            r.step = step_from(app, &r.run, Stage::FollowUp.next());
            r.note = answer.effect().map(str::to_owned);
        }
        (ReadyStep::AfterPain(offer), Action::Pain(choice)) => {
            let offer = offer.clone();
            let instead = match choice {
                PainChoice::Easier => match &offer.easier {
                    Some((id, ..)) => Some(id.clone()),
                    None => return Go::Stay,
                },
                _ => None,
            };
            app.record(
                id,
                Event::AfterPain {
                    item: offer.question.item.0.clone(),
                    exercise: offer.question.exercise.clone(),
                    choice,
                    instead,
                },
            );
            let said = match (choice, &offer.easier) {
                (PainChoice::Easier, Some((_, name, _))) => {
                    format!("Today: {} instead of {}.", name, offer.stopped)
                }
                (PainChoice::LeaveOut, _) => format!(
                    "Today: {} is left out. upright asks again next time, until it has been assessed.",
                    offer.stopped
                ),
                _ => format!("{} as planned.", offer.planned.0),
            };
            r.note = Some(match r.note.take() {
                Some(before) => format!("{before} {said}"),
                None => said,
            });
            r.step = step_from(app, &r.run, Stage::AfterPain);
        }
        (ReadyStep::Fracture, Action::No) => return Go::Begin,
        (ReadyStep::Fracture, Action::FractureAssessed) => {
            if app.selected_program().is_some_and(|p| p.after_fracture) {
                return Go::Begin;
            }
            let marked: Vec<String> = app
                .programs
                .iter()
                .filter_map(|e| e.checked.safe_program())
                .filter(|p| p.after_fracture)
                .map(|p| clean_line(&p.title).into_owned())
                .collect();
            let mut lines = vec![safety::NOT_AFTER_FRACTURE.into()];
            if !marked.is_empty() {
                lines.push(format!("Marked as suitable here: {}.", marked.join(", ")));
            }
            lines.push(safety::NOT_A_DIAGNOSIS.into());
            return Go::Stopped(Advice {
                urgency: None,
                title: "Not this program".into(),
                lines,
            });
        }
        (ReadyStep::Fracture, Action::Yes) => {
            return Go::Stopped(Advice {
                urgency: None,
                title: "Not today".into(),
                lines: vec![
                    safety::FRACTURE_ADVICE.into(),
                    safety::NOT_A_DIAGNOSIS.into(),
                ],
            });
        }
        _ => {}
    }
    Go::Stay
}

/// Every question answered: the session begins, recorded as started (or as resumed).
pub fn begin(r: Readiness, app: &mut Shared, now: Instant) -> Run {
    let mut run = r.run;
    let id = run.id;
    match run.resumed {
        Some(exercise) => {
            run.engine.restart_exercise(now);
            app.record(
                id,
                Event::Resumed {
                    exercise: exercise as u32,
                },
            );
        }
        None => {
            // Planned now, with every answer above recorded: the same seed, today's levels,
            // exercises that stopped for pain left out or done as their easier variant.
            let old = run.engine.plan();
            let levels = app.levels_for(app.selected);
            let instead = instead_for(&app.records(), id);
            if let Some(plan) =
                app.plan_for(app.selected, &old.session, &levels, &instead, old.seed)
            {
                run.engine = Engine::new(plan, now);
            } else {
                run.engine.restart_exercise(now);
            }
            let plan = run.engine.plan();
            let start = Event::SessionStart {
                program: plan.program.clone(),
                source: run.source.clone(),
                session: plan.session.clone(),
                seed: plan.seed,
                items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
                class: false,
            };
            app.record(id, start);
        }
    }
    run
}

/// Resumes the unfinished session: its program and session, its seed, the levels it was
/// planned with (the journal as it was when it started), from the item where it stopped. Only
/// the fracture question is left to ask.
fn resume(app: &mut Shared, offer: &ResumeOffer, index: usize, now: Instant) -> Option<Readiness> {
    let u = &offer.unfinished;
    let levels = app.levels_at_last_start(index);
    let instead = instead_for(&app.records(), u.run);
    let plan = app.plan_for(index, &u.session, &levels, &instead, u.seed)?;
    app.selected = index;
    if let Some(p) = app.programs[index].checked.safe_program() {
        app.session = p
            .sessions
            .iter()
            .position(|s| s.name == u.session)
            .unwrap_or(0);
    }
    let run = Run::new(
        Engine::resumed(
            plan,
            u.resume_at,
            app.records()[u.start..]
                .iter()
                .filter(|r| r.run == u.run)
                .map(|r| r.event.clone())
                .collect(),
            now,
        ),
        u.run,
        app.programs[index].origin.label(),
        Some(u.resume_at),
    );
    Some(Readiness {
        run,
        step: ReadyStep::Fracture,
        note: None,
    })
}

pub fn draw(frame: &mut Frame, area: Rect, r: &Readiness, theme: &Theme) {
    let mut body = Vec::new();
    let bold = theme.text.add_modifier(Modifier::BOLD);
    match &r.step {
        ReadyStep::Clearance(symptoms) => {
            body.push(Line::styled(
                "Last time you reported a red flag:",
                theme.warn,
            ));
            for s in symptoms {
                body.push(Line::raw(format!("  • {}", clean_line(s))));
            }
            body.push(Line::raw(""));
            body.push(Line::styled(
                "Has a doctor or physiotherapist cleared you to exercise again?",
                bold,
            ));
        }
        ReadyStep::Resume(offer) => {
            let u = &offer.unfinished;
            let when = &offer.when;
            body.push(Line::styled(
                "Your last session stopped before its end",
                theme.accent.add_modifier(Modifier::BOLD),
            ));
            body.push(Line::raw(""));
            body.push(Line::raw(format!(
                "{} · Session {}, stopped {when}, with {} set{} done.",
                clean_line(&u.program),
                clean_line(&u.session),
                u.sets_done,
                if u.sets_done == 1 { "" } else { "s" }
            )));
            body.push(Line::raw(""));
            match &offer.resumable {
                Ok((_, names)) => {
                    let name = names.get(u.resume_at).map_or("", String::as_str);
                    body.push(Line::styled(
                        format!(
                            "Resume at exercise {} of {}, {}, with the same exercises and doses?",
                            u.resume_at + 1,
                            names.len(),
                            clean_line(name)
                        ),
                        bold,
                    ));
                    body.push(Line::styled(
                        "Or discard it: it stays in your journal as abandoned.",
                        theme.dim,
                    ));
                }
                Err(why) => {
                    body.push(Line::styled(
                        format!("It cannot be resumed here: {}.", clean_line(why)),
                        bold,
                    ));
                    body.push(Line::styled(
                        "Discard it to start today's session; it stays in your journal as abandoned.",
                        theme.dim,
                    ));
                }
            }
        }
        ReadyStep::FollowUp { when, .. } => {
            body.push(Line::styled(
                format!("How did you feel the day after your last session ({when})?"),
                bold,
            ));
            body.push(Line::raw(""));
            for (i, a) in NextDay::ALL.iter().enumerate() {
                body.push(Line::raw(format!("{}  {}", i + 1, a.label())));
            }
            body.push(Line::raw(""));
            body.push(Line::styled(
                "Sore muscles the day after are normal and change nothing. Back, neck or joint pain still there: today keeps the same doses. Worse: today steps back.",
                theme.dim,
            ));
        }
        ReadyStep::AfterPain(offer) => {
            if let Some(note) = &r.note {
                body.push(Line::styled(clean_line(note).into_owned(), theme.dim));
                body.push(Line::raw(""));
            }
            body.push(Line::styled(
                format!(
                    "Last time, {} stopped for pain.",
                    clean_line(&offer.stopped)
                ),
                theme.warn.add_modifier(Modifier::BOLD),
            ));
            if offer.question.left_out {
                body.push(Line::raw("You left it out last time too."));
            }
            body.push(Line::raw(
                "It should be assessed by a physiotherapist or doctor before you do it as planned again.",
            ));
            body.push(Line::raw(""));
            body.push(Line::styled("What would you like to do today?", bold));
            if let Some((_, name, dose)) = &offer.easier {
                body.push(Line::raw(format!(
                    "e  The easier variant instead: {}, {}",
                    clean_line(name),
                    dose.describe()
                )));
            }
            body.push(Line::raw("l  Leave it out today"));
            body.push(Line::raw(format!(
                "a  It has been assessed: do it as planned ({}, {})",
                clean_line(&offer.planned.0),
                offer.planned.1.describe()
            )));
        }
        ReadyStep::Fracture => {
            if let Some(note) = &r.note {
                body.push(Line::styled(clean_line(note).into_owned(), theme.warn));
                body.push(Line::raw(""));
            }
            body.push(Line::styled(
                "Before you start",
                theme.accent.add_modifier(Modifier::BOLD),
            ));
            body.push(Line::raw(""));
            body.push(Line::styled(safety::FRACTURE_QUESTION, bold));
            body.push(Line::raw(""));
            body.push(Line::raw(format!("a  {}", safety::FRACTURE_ASSESSED)));
        }
    }
    body.push(Line::raw(""));
    body.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
    centered_text(frame, area, "Readiness check", body, theme);
}
