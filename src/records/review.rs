//! The clinic's review: which patients need attention first, from their journals. Each rule is
//! a pure function of a patient's report up to today: a red flag (not cleared, or in the last
//! four weeks), sharp pain in the last four weeks, an assessment below its norm or flagged, no
//! session for two weeks, falling adherence, a reassessment due. The most urgent reason puts a
//! patient first.

use serde::Serialize;

use crate::assess::flags::{Reassess, by_test};
use crate::assess::norms::{Kind, Table};
use crate::common::calendar::date_text;
use crate::records::report::Report;

/// How far back "recent" reaches: four weeks.
pub const RECENT_DAYS: i64 = 28;
/// No session for this many days asks for attention.
pub const QUIET_DAYS: i64 = 14;
/// The days a review's report must cover: the recent four weeks and the four before them.
pub const REVIEW_DAYS: i64 = 2 * RECENT_DAYS;

/// Why a patient needs attention, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// A red flag with no clearance recorded after it.
    RedFlagOpen,
    /// A red flag in the last four weeks, since cleared.
    RedFlag,
    SharpPain,
    /// The latest result of a test is below its norm, or raised a flag.
    Assessment,
    /// No session for two weeks or more.
    NoSession,
    FallingAdherence,
    /// The next assessment is overdue (more than 12 weeks).
    Reassess,
}

impl Concern {
    pub fn label(self) -> &'static str {
        match self {
            Concern::RedFlagOpen => "red flag, not cleared",
            Concern::RedFlag => "red flag",
            Concern::SharpPain => "sharp pain",
            Concern::Assessment => "assessment below norm",
            Concern::NoSession => "no session for 2 weeks",
            Concern::FallingAdherence => "falling adherence",
            Concern::Reassess => "reassessment overdue",
        }
    }
}

/// One reason, with the detail a clinician reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub concern: Concern,
    pub detail: String,
}

/// The red-flag rule: one not cleared, whenever it was, or one in the last four weeks.
pub fn red_flag(report: &Report, today: i64) -> Option<Reason> {
    if let Some(day) = report.open_red_flag {
        return Some(Reason {
            concern: Concern::RedFlagOpen,
            detail: format!("red flag on {} with no clearance since", date_text(day)),
        });
    }
    let recent = report
        .red_flags
        .iter()
        .rev()
        .find(|f| f.day > today - RECENT_DAYS)?;
    Some(Reason {
        concern: Concern::RedFlag,
        detail: format!(
            "red flag on {} ({})",
            date_text(recent.day),
            recent.symptoms.join("; ")
        ),
    })
}

/// The sharp-pain rule: any in the last four weeks.
pub fn sharp_pain(report: &Report, today: i64) -> Option<Reason> {
    let recent: Vec<(i64, &str)> = report
        .sharp_pain()
        .into_iter()
        .filter(|(d, _)| *d > today - RECENT_DAYS)
        .collect();
    let (day, exercise) = recent.last()?;
    Some(Reason {
        concern: Concern::SharpPain,
        detail: format!(
            "sharp pain {} in 4 weeks, last in {exercise} on {}",
            times(recent.len()),
            date_text(*day)
        ),
    })
}

/// The assessment rule: a test whose latest result raised a flag or is worse than its norm.
pub fn assessment(report: &Report) -> Option<Reason> {
    let a = &report.assessments;
    let person = a.person();
    let table = Table::bundled();
    let mut tests: Vec<String> = Vec::new();
    for results in by_test(&a.results).values() {
        let Some(latest) = results.last() else {
            continue;
        };
        let test = latest.measure.test();
        let flagged = !crate::assess::flags::flags(results, &person, table).is_empty();
        // Below a published mean (single-leg stance) is where half of everyone is: only a range
        // or a confidence interval makes "below the norm" a concern.
        let below = latest.stopped.is_none()
            && table
                .compare(&latest.measure, &person, latest.day)
                .is_some_and(|c| c.worse() && c.norm.kind != Kind::Mean);
        if flagged || below {
            tests.push(format!(
                "{} {}{} ({})",
                test.name(),
                latest.measure.describe(),
                latest
                    .stopped
                    .map(|s| format!(", {}", s.label()))
                    .unwrap_or_default(),
                date_text(latest.day)
            ));
        }
    }
    (!tests.is_empty()).then(|| Reason {
        concern: Concern::Assessment,
        detail: tests.join("; "),
    })
}

/// The quiet rule: no set done for two weeks or more (or never).
pub fn no_session(last: Option<i64>, today: i64) -> Option<Reason> {
    match last {
        None => Some(Reason {
            concern: Concern::NoSession,
            detail: "no session recorded".into(),
        }),
        Some(day) if today - day >= QUIET_DAYS => Some(Reason {
            concern: Concern::NoSession,
            detail: format!(
                "last session {} days ago, on {}",
                today - day,
                date_text(day)
            ),
        }),
        Some(_) => None,
    }
}

/// The adherence rule: sessions in the last four weeks fell to two thirds or less of the four
/// weeks before (and by 2 or more), or to under half the plan.
pub fn falling_adherence(recent: u32, before: u32, planned: Option<u32>) -> Option<Reason> {
    let fell = before >= recent + 2 && recent * 3 <= before * 2;
    let under_plan = planned.filter(|&p| p > 0 && recent * 2 < p);
    let detail = match (fell, under_plan) {
        (true, _) => format!("{recent} sessions in the last 4 weeks, {before} in the 4 before"),
        (false, Some(p)) if recent < before || before * 2 < p => {
            format!("{recent} sessions in the last 4 weeks, {p} planned")
        }
        _ => return None,
    };
    Some(Reason {
        concern: Concern::FallingAdherence,
        detail,
    })
}

/// The reassessment rule: more than 12 weeks since the last assessment.
pub fn reassessment(state: Reassess) -> Option<Reason> {
    match state {
        Reassess::Overdue { since } => Some(Reason {
            concern: Concern::Reassess,
            detail: format!("reassessment overdue since {}", date_text(since)),
        }),
        _ => None,
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// Every rule's reason on `today`, most urgent first. `adherence`: sessions in the last four
/// weeks, in the four before, and planned in four weeks, when the report covers them.
pub fn reasons(
    report: &Report,
    today: i64,
    adherence: Option<(u32, u32, Option<u32>)>,
) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = [
        red_flag(report, today),
        sharp_pain(report, today),
        assessment(report),
        no_session(report.last_session, today),
        adherence.and_then(|(recent, before, planned)| falling_adherence(recent, before, planned)),
        reassessment(report.assessments.reassess(today)),
    ]
    .into_iter()
    .flatten()
    .collect();
    reasons.sort_by_key(|r| r.concern);
    reasons
}

/// One patient in the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Patient {
    pub name: String,
    pub file: String,
    /// Most urgent first; empty when nothing needs attention.
    pub reasons: Vec<Reason>,
    pub last_session: Option<String>,
    pub sessions_4_weeks: u32,
    /// Sessions planned in 4 weeks, when the programs are known.
    pub planned_4_weeks: Option<u32>,
    /// "due", "overdue", "not yet", "never".
    pub next_assessment: &'static str,
    /// Lines of the journal that could not be read.
    pub unreadable_lines: usize,
}

impl Patient {
    /// The patient's review from a report covering at least the `REVIEW_DAYS` up to `today`.
    pub fn new(name: &str, file: &str, report: &Report, today: i64, unreadable: usize) -> Patient {
        let recent = report.sessions_between(today - RECENT_DAYS + 1, today);
        let before = report.sessions_between(today - REVIEW_DAYS + 1, today - RECENT_DAYS);
        // The plan of the programs followed in the last four weeks.
        let followed: Vec<usize> = report
            .sessions
            .iter()
            .filter(|s| s.day > today - RECENT_DAYS)
            .map(|s| s.program)
            .collect();
        let mut plans = Vec::new();
        for (i, p) in report.programs.iter().enumerate() {
            if followed.contains(&i) || p.last_day == report.last_session.unwrap_or(i64::MIN) {
                plans.push(p.per_week);
            }
        }
        let planned = if plans.is_empty() || plans.iter().any(Option::is_none) {
            None
        } else {
            Some(plans.iter().flatten().sum::<u32>() * 4)
        };
        let reassess = report.assessments.reassess(today);
        let reasons = reasons(report, today, Some((recent, before, planned)));
        Patient {
            name: name.to_owned(),
            file: file.to_owned(),
            reasons,
            last_session: report.last_session.map(date_text),
            sessions_4_weeks: recent,
            planned_4_weeks: planned,
            next_assessment: match reassess {
                Reassess::Never => "never assessed",
                Reassess::NotYet { .. } => "not yet due",
                Reassess::Due { .. } => "due",
                Reassess::Overdue { .. } => "overdue",
            },
            unreadable_lines: unreadable,
        }
    }

    /// The most urgent concern; `None` when nothing needs attention.
    pub fn first_concern(&self) -> Option<Concern> {
        self.reasons.first().map(|r| r.concern)
    }
}

/// Puts first who needs attention: by the most urgent concern, then by how many concerns,
/// then by name. Nobody is dropped.
pub fn triage(patients: &mut [Patient]) {
    patients.sort_by(|a, b| {
        let key = |p: &Patient| (p.first_concern().is_none(), p.first_concern());
        key(a)
            .cmp(&key(b))
            .then(b.reasons.len().cmp(&a.reasons.len()))
            .then(a.name.cmp(&b.name))
    });
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
