//! The editor's lines for each outline row: what each is called, its value as shown, the
//! range or choices allowed, and what kind of line it is (text, number, choice, switch,
//! action). The values come from `values`, which also changes them.

use super::document::Document;
use super::rows::Row;
pub use super::values::FieldId;
use super::values::{Number, number};
use crate::program::{Catalog, Dose, Step};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Number,
    Choice,
    Toggle,
    Action,
}

/// One line of an editor: what it is, its value and the range or choices allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub value: String,
    pub hint: String,
    pub kind: FieldKind,
}

fn step_name(s: &Step) -> &'static str {
    match s {
        Step::AddReps { .. } => "AddReps",
        Step::AddTime { .. } => "AddTime",
        Step::AddSets { .. } => "AddSets",
        Step::Harder => "Harder",
    }
}

fn range_hint(n: &Number, unit: &str) -> String {
    format!("{}-{}{unit}", n.range.start(), n.range.end())
}

/// The lines of the editor for `row`.
pub fn fields(doc: &Document, row: Row, catalog: Catalog) -> Vec<Field> {
    let mut out = Vec::new();
    let mut add = |id, label: &str, value: String, hint: String, kind| {
        out.push(Field {
            id,
            label: label.into(),
            value,
            hint,
            kind,
        })
    };
    let p = &doc.program;
    let numeric = |id: FieldId| number(doc, row, id);
    match row {
        Row::Program => {
            add(
                FieldId::Title,
                "title",
                p.title.clone(),
                "1-80 characters".into(),
                FieldKind::Text,
            );
            add(
                FieldId::Summary,
                "summary",
                p.summary.clone().unwrap_or_default(),
                "optional, one sentence".into(),
                FieldKind::Text,
            );
            add(
                FieldId::Author,
                "author",
                p.author.clone().unwrap_or_default(),
                "optional".into(),
                FieldKind::Text,
            );
            add(
                FieldId::Level,
                "level",
                p.level.label().into(),
                "Beginner, Intermediate, Advanced".into(),
                FieldKind::Choice,
            );
            for (id, label, unit) in [
                (FieldId::PerWeek, "per week", " sessions"),
                (FieldId::AdvanceAfter, "advance after", " clean sessions"),
            ] {
                if let Some(n) = numeric(id) {
                    add(
                        id,
                        label,
                        n.value.to_string(),
                        range_hint(&n, unit),
                        FieldKind::Number,
                    );
                }
            }
        }
        Row::Session(s) => {
            if let Some(session) = p.sessions.get(s) {
                add(
                    FieldId::SessionName,
                    "name",
                    session.name.clone(),
                    "1-80 characters".into(),
                    FieldKind::Text,
                );
            }
        }
        Row::Block(s, b) => {
            if let Some(block) = p.sessions.get(s).and_then(|x| x.blocks.get(b)) {
                add(
                    FieldId::BlockName,
                    "name",
                    block.name.clone(),
                    "1-80 characters".into(),
                    FieldKind::Text,
                );
                if let Some(n) = numeric(FieldId::Pick) {
                    add(
                        FieldId::Pick,
                        "pick",
                        if n.value == 0 {
                            "all".into()
                        } else {
                            n.value.to_string()
                        },
                        format!("all, or 1-{} at random each run", block.items.len()),
                        FieldKind::Number,
                    );
                }
            }
        }
        Row::Item(s, b, i) => {
            let Some(item) = doc.item(s, b, i) else {
                return out;
            };
            let d = item.dose;
            let variant = match d {
                Dose::Reps { .. } => "Reps",
                Dose::Holds { .. } => "Holds",
                Dose::Time { .. } => "Time",
            };
            add(
                FieldId::Variant,
                "dose",
                variant.into(),
                "Reps, Holds or Time".into(),
                FieldKind::Choice,
            );
            for (id, label, unit, about) in [
                (FieldId::Sets, "sets", "", ""),
                (FieldId::Reps, "reps", "", ""),
                (FieldId::Hold, "hold", " s", " s"),
                (FieldId::Secs, "time", " s", " s"),
                (FieldId::Rest, "rest", " s", " s between sets"),
            ] {
                if let Some(n) = numeric(id) {
                    add(
                        id,
                        label,
                        format!("{}{unit}", n.value),
                        range_hint(&n, about),
                        FieldKind::Number,
                    );
                }
            }
            if let Some(n) = numeric(FieldId::Tempo) {
                add(
                    FieldId::Tempo,
                    "tempo",
                    if n.value == 0 {
                        "none".into()
                    } else {
                        format!("{} s a rep", n.value)
                    },
                    "none, or 1-20 s a rep".into(),
                    FieldKind::Number,
                );
            }
            add(
                FieldId::PerSide,
                "per side",
                if d.per_side() { "yes" } else { "no" }.into(),
                "left, then right".into(),
                FieldKind::Toggle,
            );
            let mut current = catalog.get(&item.exercise);
            for (k, step) in item.progress.iter().enumerate() {
                let hint = match step {
                    Step::Harder => {
                        current = current
                            .and_then(|e| e.harder.as_deref())
                            .and_then(|h| catalog.get(h));
                        current.map_or("no harder variant".into(), |e| format!("to {}", e.name))
                    }
                    _ => "x removes the step".into(),
                };
                add(
                    FieldId::StepKind(k),
                    &format!("step {}", k + 1),
                    step_name(step).into(),
                    hint,
                    FieldKind::Choice,
                );
                if let Some(n) = numeric(FieldId::StepSize(k)) {
                    add(
                        FieldId::StepSize(k),
                        "  adding",
                        n.value.to_string(),
                        range_hint(&n, ""),
                        FieldKind::Number,
                    );
                }
                if let Some(n) = numeric(FieldId::StepCap(k)) {
                    add(
                        FieldId::StepCap(k),
                        "  up to",
                        n.value.to_string(),
                        range_hint(&n, ""),
                        FieldKind::Number,
                    );
                }
            }
            add(
                FieldId::AddStep,
                "+ progress",
                "add a step".into(),
                "Enter or a adds".into(),
                FieldKind::Action,
            );
        }
    }
    out
}
