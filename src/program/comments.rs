//! The comments of a program file, attached to the parts of the program they belong to, so
//! that a program edited in `upright author` and written back keeps what its author wrote
//! around the values. serde gives values without comments, so this reads the RON text once
//! more into a light tree of tokens and hangs every comment on a place:
//!
//! - the file's header (everything before `Program(`) and footer (after its closing `)`);
//! - before a session, block, item or local exercise (comments above its `Session(` line);
//! - before a field of the program, a session, a block, an item or an exercise (comments above
//!   `name:` inside `Block(`, above `dose:`, ...); a comment anywhere inside a value that is
//!   not one of those parts (inside a dose, a progress list, a list of cues) belongs to the
//!   field that holds the value;
//! - at the end of a list of sessions, blocks, items or exercises (before its `]`), and at the
//!   end of a part (before its `)`).
//!
//! A comment at the end of a line belongs where a comment on its own line just above that line
//! would; the writer puts it on its own line there. Only text RON has already parsed is read
//! here; anything odd ends the walk early and its comments go to the nearest place found.

use super::Program;
use super::ron_tree::{Val, parse};

/// The comments of one part: before it, before each of its fields, at the end of each of its
/// lists of parts, and before its closing bracket. Each entry is one comment as written
/// (`// ...` or `/* ... */`, possibly several lines); an empty entry is a blank line
/// between two comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    pub before: Vec<String>,
    pub fields: Vec<(String, Vec<String>)>,
    pub list_end: Vec<(String, Vec<String>)>,
    pub end: Vec<String>,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.before.is_empty()
            && self.fields.is_empty()
            && self.list_end.is_empty()
            && self.end.is_empty()
    }

    /// The comments before field `name` (empty if none).
    pub fn field(&self, name: &str) -> &[String] {
        lookup(&self.fields, name)
    }

    /// The comments at the end of the list in field `name`.
    pub fn list_end(&self, name: &str) -> &[String] {
        lookup(&self.list_end, name)
    }
}

fn lookup<'a>(list: &'a [(String, Vec<String>)], name: &str) -> &'a [String] {
    list.iter()
        .find(|(n, _)| n == name)
        .map_or(&[], |(_, c)| c.as_slice())
}

/// The comments kept under `name`, added (empty) if there are none yet.
pub fn keyed<'a>(list: &'a mut Vec<(String, Vec<String>)>, name: &str) -> &'a mut Vec<String> {
    let i = match list.iter().position(|(n, _)| n == name) {
        Some(i) => i,
        None => {
            list.push((name.to_owned(), Vec::new()));
            list.len() - 1
        }
    };
    &mut list[i].1
}

/// The comments of a block and of its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockNotes {
    pub own: Comments,
    pub items: Vec<Comments>,
}

/// The comments of a session and of its blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionNotes {
    pub own: Comments,
    pub blocks: Vec<BlockNotes>,
}

/// Every comment of a program file, in the shape of the program.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    pub header: Vec<String>,
    pub program: Comments,
    pub exercises: Vec<Comments>,
    pub sessions: Vec<SessionNotes>,
    pub footer: Vec<String>,
}

impl Notes {
    /// Pads or trims the notes to the shape of `program`, so every session, block, item and
    /// exercise has exactly one entry.
    pub fn fit(&mut self, program: &Program) {
        self.exercises
            .resize_with(program.exercises.len(), Default::default);
        self.sessions
            .resize_with(program.sessions.len(), Default::default);
        for (s, sn) in program.sessions.iter().zip(&mut self.sessions) {
            sn.blocks.resize_with(s.blocks.len(), Default::default);
            for (b, bn) in s.blocks.iter().zip(&mut sn.blocks) {
                bn.items.resize_with(b.items.len(), Default::default);
            }
        }
    }

    /// Every comment, in no particular order (for tests that nothing was lost).
    pub fn all(&self) -> Vec<&str> {
        fn add<'a>(out: &mut Vec<&'a str>, c: &'a Comments) {
            out.extend(c.before.iter().map(String::as_str));
            for (_, list) in c.fields.iter().chain(&c.list_end) {
                out.extend(list.iter().map(String::as_str));
            }
            out.extend(c.end.iter().map(String::as_str));
        }
        let mut out: Vec<&str> = Vec::new();
        add(&mut out, &self.program);
        for e in &self.exercises {
            add(&mut out, e);
        }
        for s in &self.sessions {
            add(&mut out, &s.own);
            for b in &s.blocks {
                add(&mut out, &b.own);
                for i in &b.items {
                    add(&mut out, i);
                }
            }
        }
        out.extend(self.header.iter().map(String::as_str));
        out.extend(self.footer.iter().map(String::as_str));
        out.retain(|c| !c.is_empty());
        out
    }
}

// ───────────────────────────── attaching ─────────────────────────────

/// Which part of the program a node of the tree is.
#[derive(Debug, Clone, Copy)]
enum Part {
    Program,
    Exercise(usize),
    Session(usize),
    Block(usize, usize),
    Item(usize, usize, usize),
}

impl Part {
    /// The part an element of list field `field` of this part is.
    fn child(self, field: &str, i: usize) -> Option<Part> {
        match (self, field) {
            (Part::Program, "sessions") => Some(Part::Session(i)),
            (Part::Program, "exercises") => Some(Part::Exercise(i)),
            (Part::Session(s), "blocks") => Some(Part::Block(s, i)),
            (Part::Block(s, b), "items") => Some(Part::Item(s, b, i)),
            _ => None,
        }
    }
}

enum Place {
    Header,
    Footer,
    Before(Part),
    Field(Part, String),
    ListEnd(Part, String),
    End(Part),
}

/// Where the comment just before token `t` belongs.
fn place(root: &Val, t: usize) -> Place {
    if t <= root.start {
        return Place::Header;
    }
    if t > root.end {
        return Place::Footer;
    }
    let mut node = root;
    let mut part = Part::Program;
    'walk: loop {
        if t == node.start {
            return Place::Before(part);
        }
        if node.close == Some(t) {
            return Place::End(part);
        }
        let Some((name, name_at, value)) =
            node.fields.iter().find(|(_, at, v)| *at <= t && t <= v.end)
        else {
            // Between fields (a stray comma): the next field, or the end.
            return match node.fields.iter().find(|(_, at, _)| *at > t) {
                Some((name, _, _)) => Place::Field(part, name.clone()),
                None => Place::End(part),
            };
        };
        let field = || Place::Field(part, name.clone());
        if t <= *name_at + 2 || part.child(name, 0).is_none() {
            return field();
        }
        if value.close == Some(t) {
            return Place::ListEnd(part, name.clone());
        }
        for (i, e) in value.elems.iter().enumerate() {
            if e.start <= t && t <= e.end {
                match part.child(name, i) {
                    Some(child) if e.is_struct => {
                        node = e;
                        part = child;
                        continue 'walk;
                    }
                    _ => return field(),
                }
            }
        }
        // A comma between elements: the next element, or the end of the list.
        for (i, e) in value.elems.iter().enumerate() {
            if e.start > t
                && let Some(child) = part.child(name, i)
            {
                return Place::Before(child);
            }
        }
        return Place::ListEnd(part, name.clone());
    }
}

impl Notes {
    fn comments_mut(&mut self, part: Part) -> &mut Comments {
        match part {
            Part::Program => &mut self.program,
            Part::Exercise(i) => grow(&mut self.exercises, i),
            Part::Session(s) => &mut grow(&mut self.sessions, s).own,
            Part::Block(s, b) => &mut grow(&mut grow(&mut self.sessions, s).blocks, b).own,
            Part::Item(s, b, i) => grow(
                &mut grow(&mut grow(&mut self.sessions, s).blocks, b).items,
                i,
            ),
        }
    }
}

fn grow<T: Default>(v: &mut Vec<T>, i: usize) -> &mut T {
    if v.len() <= i {
        v.resize_with(i + 1, T::default);
    }
    &mut v[i]
}

/// The comments of a program file's text, attached to the parts of `program` (which must be
/// what the text parses to).
pub fn read(text: &str, program: &Program) -> Notes {
    let (tokens, comments, root) = parse(text);
    let mut notes = Notes::default();
    // (target token, last line) of the comment before, to keep blank lines between comments.
    let mut previous: Option<(Option<usize>, usize)> = None;
    for c in &comments {
        // On its own line, a comment belongs with what follows it; at the end of a line, with
        // what that line starts with.
        let target = if c.own_line {
            Some(c.next_token).filter(|&t| t < tokens.len())
        } else {
            tokens.iter().position(|t| t.line == c.line)
        };
        let place = match (&root, target) {
            (Some(root), Some(t)) => place(root, t),
            (Some(_), None) => Place::Footer,
            (None, _) => Place::Header,
        };
        let blank_before = matches!(previous, Some((t, end)) if t == target && c.line > end + 1);
        previous = Some((target, c.end_line));
        let list: &mut Vec<String> = match place {
            Place::Header => &mut notes.header,
            Place::Footer => &mut notes.footer,
            Place::Before(p) => &mut notes.comments_mut(p).before,
            Place::End(p) => &mut notes.comments_mut(p).end,
            Place::Field(p, name) => keyed(&mut notes.comments_mut(p).fields, &name),
            Place::ListEnd(p, name) => keyed(&mut notes.comments_mut(p).list_end, &name),
        };
        if blank_before && !list.is_empty() {
            list.push(String::new());
        }
        list.push(c.text.clone());
    }
    notes.fit(program);
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::load::ron_options;

    const TEXT: &str = r#"// header
Program(
    title: "T",
    level: Beginner,
    // two a week
    per_week: 2,
    sessions: [
        // session A
        Session(name: "A", blocks: [
            Block(
                // warm up gently
                name: "Warm-up",
                items: [
                    Item(exercise: "march-on-the-spot", dose: Time(secs: 60)), // a minute
                    Item(
                        exercise: "bridge",
                        // slow
                        dose: Reps(sets: 2, reps: 8, rest: 60),
                    ),
                    // Item(exercise: "bird-dog", dose: Reps(sets: 1, reps: 5, rest: 0)),
                ],
            ),
        ]),
    ],
)
"#;

    #[test]
    fn comments_land_on_the_part_they_describe() {
        let p: Program = ron_options().from_str(TEXT).unwrap();
        let n = read(TEXT, &p);
        assert_eq!(n.header, ["// header"]);
        assert_eq!(n.program.field("per_week"), ["// two a week"]);
        assert_eq!(n.sessions[0].own.before, ["// session A"]);
        let block = &n.sessions[0].blocks[0];
        assert_eq!(block.own.field("name"), ["// warm up gently"]);
        assert_eq!(block.items[0].before, ["// a minute"]);
        assert_eq!(block.items[1].field("dose"), ["// slow"]);
        assert_eq!(
            block.own.list_end("items"),
            ["// Item(exercise: \"bird-dog\", dose: Reps(sets: 1, reps: 5, rest: 0)),"]
        );
        assert_eq!(n.all().len(), 7);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,300}") {
            let p: Program = ron_options().from_str(TEXT).unwrap();
            let _ = read(&text, &p);
        }
    }
}
