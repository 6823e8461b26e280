//! Writing a program as tidy, commented RON: the layout of the bundled programs (one field a
//! line; an item on one line when it is short and has no progress or comments), optional
//! fields written bare or left out, and every comment read by `comments` put back at its
//! place. What the writer writes, the loader reads back to the same `Program` and the same
//! comments.

use std::fmt::Write as _;

use super::comments::{Comments, Notes};
use super::{Block, Dose, Exercise, Item, Program, Session, Step};

/// An item longer than this on one line is written over several.
pub const MAX_LINE: usize = 110;

const STEP: usize = 4;

/// `text` as a RON string literal: quotes and backslashes escaped, and every control or
/// invisible direction character written as a `\u{..}` escape, so the file stays plain,
/// printable text (and the checker still sees, and refuses, the character itself).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if crate::common::text::is_forbidden(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The program as RON text with its comments.
pub fn program(p: &Program, notes: &Notes) -> String {
    let mut w = Writer::default();
    w.comments(0, &notes.header);
    w.line(0, "Program(");
    let c = &notes.program;
    let mut f = Fields::new(&mut w, STEP, c);
    f.field("title", Some(quote(&p.title)));
    f.field("summary", p.summary.as_deref().map(quote));
    f.field("author", p.author.as_deref().map(quote));
    f.field("level", Some(format!("{:?}", p.level)));
    f.field("per_week", Some(p.per_week.to_string()));
    f.field("advance_after", Some(p.advance_after.to_string()));
    f.field(
        "after_fracture",
        p.after_fracture.then(|| "true".to_owned()),
    );
    let exercises = !p.exercises.is_empty() || !c.list_end("exercises").is_empty();
    f.list("exercises", exercises, |w| {
        for (i, e) in p.exercises.iter().enumerate() {
            exercise(w, STEP * 2, e, notes.exercises.get(i));
        }
    });
    f.list("sessions", true, |w| {
        for (i, s) in p.sessions.iter().enumerate() {
            session(w, STEP * 2, s, notes.sessions.get(i));
        }
    });
    f.finish();
    w.line(0, ")");
    w.comments(0, &notes.footer);
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{}{text}", " ".repeat(indent));
    }

    /// Comments at `indent`; an empty entry is a blank line, a block comment keeps its lines.
    fn comments(&mut self, indent: usize, comments: &[String]) {
        for c in comments {
            if c.is_empty() {
                self.out.push('\n');
            }
            for (i, line) in c.lines().enumerate() {
                // Continuation lines of a block comment sit one space in, under its `*`.
                let pad = if i == 0 || line.starts_with("*/") || line.starts_with('*') {
                    indent + usize::from(i > 0)
                } else {
                    indent + 3
                };
                self.line(pad, line);
            }
        }
    }
}

/// The fields of one part, in order, each with its comments; the comments of a field that is
/// not written (an optional field left out) go before the next one, so none are lost.
struct Fields<'a> {
    w: &'a mut Writer,
    indent: usize,
    comments: &'a Comments,
    pending: Vec<String>,
    written: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn new(w: &'a mut Writer, indent: usize, comments: &'a Comments) -> Self {
        Fields {
            w,
            indent,
            comments,
            pending: Vec::new(),
            written: Vec::new(),
        }
    }

    fn lead(&mut self, name: &'static str) {
        let pending = std::mem::take(&mut self.pending);
        self.w.comments(self.indent, &pending);
        self.w.comments(self.indent, self.comments.field(name));
        self.written.push(name);
    }

    fn field(&mut self, name: &'static str, value: Option<String>) {
        match value {
            Some(v) => {
                self.lead(name);
                self.w.line(self.indent, &format!("{name}: {v},"));
            }
            None => self.pending.extend_from_slice(self.comments.field(name)),
        }
    }

    /// A value over several lines (the first after `name:`, the rest indented from here).
    fn lines(&mut self, name: &'static str, value: Option<Vec<String>>) {
        let Some(lines) = value else {
            self.pending.extend_from_slice(self.comments.field(name));
            return;
        };
        self.lead(name);
        let last = lines.len().saturating_sub(1);
        for (i, l) in lines.iter().enumerate() {
            let comma = if i == last { "," } else { "" };
            if i == 0 {
                self.w.line(self.indent, &format!("{name}: {l}{comma}"));
            } else {
                self.w.line(self.indent, &format!("{l}{comma}"));
            }
        }
    }

    fn list(&mut self, name: &'static str, write: bool, body: impl FnOnce(&mut Writer)) {
        if !write {
            self.pending.extend_from_slice(self.comments.field(name));
            return;
        }
        self.lead(name);
        self.w.line(self.indent, &format!("{name}: ["));
        body(self.w);
        self.w
            .comments(self.indent + STEP, self.comments.list_end(name));
        self.w.line(self.indent, "],");
    }

    /// The comments of fields never written (a name the writer does not know), then those
    /// at the end of the part.
    fn finish(mut self) {
        for (name, list) in &self.comments.fields {
            if !self.written.contains(&name.as_str()) {
                self.pending.extend_from_slice(list);
            }
        }
        for (name, list) in &self.comments.list_end {
            if !self.written.contains(&name.as_str()) {
                self.pending.extend_from_slice(list);
            }
        }
        let pending = std::mem::take(&mut self.pending);
        self.w.comments(self.indent, &pending);
        self.w.comments(self.indent, &self.comments.end);
    }
}

fn session(
    w: &mut Writer,
    indent: usize,
    s: &Session,
    notes: Option<&super::comments::SessionNotes>,
) {
    let empty = Comments::default();
    let own = notes.map_or(&empty, |n| &n.own);
    w.comments(indent, &own.before);
    w.line(indent, "Session(");
    let mut f = Fields::new(w, indent + STEP, own);
    f.field("name", Some(quote(&s.name)));
    f.list("blocks", true, |w| {
        for (i, b) in s.blocks.iter().enumerate() {
            block(w, indent + STEP * 2, b, notes.and_then(|n| n.blocks.get(i)));
        }
    });
    f.finish();
    w.line(indent, "),");
}

fn block(w: &mut Writer, indent: usize, b: &Block, notes: Option<&super::comments::BlockNotes>) {
    let empty = Comments::default();
    let own = notes.map_or(&empty, |n| &n.own);
    w.comments(indent, &own.before);
    w.line(indent, "Block(");
    let mut f = Fields::new(w, indent + STEP, own);
    f.field("name", Some(quote(&b.name)));
    f.field("pick", b.pick.map(|p| p.to_string()));
    f.list("items", true, |w| {
        for (i, item) in b.items.iter().enumerate() {
            self::item(
                w,
                indent + STEP * 2,
                item,
                notes.and_then(|n| n.items.get(i)),
            );
        }
    });
    f.finish();
    w.line(indent, "),");
}

fn item(w: &mut Writer, indent: usize, item: &Item, notes: Option<&Comments>) {
    let empty = Comments::default();
    let c = notes.unwrap_or(&empty);
    w.comments(indent, &c.before);
    let one_line = format!(
        "Item(exercise: {}, dose: {}),",
        quote(&item.exercise),
        dose(&item.dose)
    );
    let inner_comments = !c.fields.is_empty() || !c.list_end.is_empty() || !c.end.is_empty();
    if item.progress.is_empty() && !inner_comments && indent + one_line.chars().count() <= MAX_LINE
    {
        w.line(indent, &one_line);
        return;
    }
    w.line(indent, "Item(");
    let mut f = Fields::new(w, indent + STEP, c);
    f.field("exercise", Some(quote(&item.exercise)));
    f.field("dose", Some(dose(&item.dose)));
    f.field(
        "progress",
        (!item.progress.is_empty()).then(|| progress(&item.progress)),
    );
    f.finish();
    w.line(indent, "),");
}

fn exercise(w: &mut Writer, indent: usize, e: &Exercise, notes: Option<&Comments>) {
    let empty = Comments::default();
    let c = notes.unwrap_or(&empty);
    w.comments(indent, &c.before);
    w.line(indent, "Exercise(");
    let mut f = Fields::new(w, indent + STEP, c);
    f.field("id", Some(quote(&e.id)));
    f.field("name", Some(quote(&e.name)));
    let kinds: Vec<&str> = e.kinds.iter().map(|k| k.ron_name()).collect();
    f.field("kinds", Some(format!("[{}]", kinds.join(", "))));
    f.field("spine", Some(format!("{:?}", e.spine)));
    f.field("impact", Some(format!("{:?}", e.impact)));
    f.field(
        "equipment",
        (!e.equipment.is_empty()).then(|| {
            let list: Vec<String> = e.equipment.iter().map(|x| quote(x)).collect();
            format!("[{}]", list.join(", "))
        }),
    );
    f.list("cues", true, |w| {
        for cue in &e.cues {
            w.line(indent + STEP * 2, &format!("{},", quote(cue)));
        }
    });
    f.field("caution", e.caution.as_deref().map(quote));
    f.field("easier", e.easier.as_deref().map(quote));
    f.field("harder", e.harder.as_deref().map(quote));
    f.field("figure_of", e.figure_of.as_deref().map(quote));
    f.lines("figure", e.figure.as_ref().map(|fig| fig.ron_lines()));
    f.finish();
    w.line(indent, "),");
}

/// A dose as the format writes it: optional parts only when they are not the default.
pub fn dose(d: &Dose) -> String {
    let side = |per_side: bool| if per_side { ", per_side: true" } else { "" };
    match *d {
        Dose::Reps {
            sets,
            reps,
            rest,
            tempo,
            per_side,
        } => format!(
            "Reps(sets: {sets}, reps: {reps}, rest: {rest}{}{})",
            tempo.map_or(String::new(), |t| format!(", tempo: {t}")),
            side(per_side)
        ),
        Dose::Holds {
            sets,
            reps,
            hold,
            rest,
            per_side,
        } => format!(
            "Holds(sets: {sets}, reps: {reps}, hold: {hold}, rest: {rest}{})",
            side(per_side)
        ),
        Dose::Time {
            secs,
            sets,
            rest,
            per_side,
        } => format!(
            "Time(secs: {secs}{}{}{})",
            if sets == 1 {
                String::new()
            } else {
                format!(", sets: {sets}")
            },
            if rest == 0 {
                String::new()
            } else {
                format!(", rest: {rest}")
            },
            side(per_side)
        ),
    }
}

/// A progress list: `[AddReps(step: 1, up_to: 12), AddSets(up_to: 3), Harder]`.
pub fn progress(steps: &[Step]) -> String {
    let list: Vec<String> = steps
        .iter()
        .map(|s| match *s {
            Step::AddReps { step, up_to } => format!("AddReps(step: {step}, up_to: {up_to})"),
            Step::AddTime { step, up_to } => format!("AddTime(step: {step}, up_to: {up_to})"),
            Step::AddSets { up_to } => format!("AddSets(up_to: {up_to})"),
            Step::Harder => "Harder".into(),
        })
        .collect();
    format!("[{}]", list.join(", "))
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod round_trip;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_reads_back_unchanged() {
        for text in [
            "plain",
            "a \"quote\" and \\",
            "two\nlines",
            "esc\u{1b}[2J",
            "é ✓ \u{202e}",
        ] {
            let q = quote(text);
            assert!(!q.chars().any(|c| c.is_control()), "{q}");
            let back: String = ron::from_str(&q).unwrap();
            assert_eq!(back, text);
        }
    }
}
