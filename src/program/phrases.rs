//! Flexion and twisting in disguise: matching the contraindicated movement phrases of
//! `assets/contraindicated.ron` against an exercise's id, name and cues. Both sides are
//! normalised the same way (case, apostrophes, hyphens and punctuation, plurals and -ing/-ed
//! endings, filler words), so "Sit-Ups", "situps" and "SIT UP" are one phrase, while safe
//! look-alikes such as "wall push-up" or "toe raises" are different words and pass.

use serde::Deserialize;

use super::Spine;

/// One movement that never goes into a program, as data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contraindication {
    /// The words as a person would write them: "sit up", "child's pose".
    pub phrase: String,
    pub movement: Spine,
    /// The id of a safe exercise to suggest instead.
    pub instead: String,
}

/// The compiled list.
#[derive(Debug)]
pub struct Phrases {
    entries: Vec<(Vec<String>, String, Contraindication)>,
}

/// Words that never change what a movement is.
const FILLER: &[&str] = &["your", "the", "a", "an", "my", "both", "of"];

/// Words that, just before a phrase in a cue or caution, mean it is being warned against.
const NEGATIONS: &[&str] = &["not", "no", "never", "dont", "avoid", "without", "nor"];

/// Where the text comes from: a name can never mention a banned movement, a cue may warn
/// against one ("do not round your back").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Cue,
}

impl Phrases {
    pub fn new(list: Vec<Contraindication>) -> Phrases {
        let entries = list
            .into_iter()
            .map(|c| {
                let words = words(&c.phrase);
                let joined = words.concat();
                (words, joined, c)
            })
            .filter(|(w, _, _)| !w.is_empty())
            .collect();
        Phrases { entries }
    }

    /// The first contraindicated movement `text` names, if any.
    pub fn find(&self, text: &str, field: Field) -> Option<&Contraindication> {
        let words = words(text);
        for (phrase, joined, entry) in &self.entries {
            for start in 0..words.len() {
                if !match_at(&words[start..], phrase, joined) {
                    continue;
                }
                // "Anti-twist" names a movement that resists twisting: allowed anywhere.
                let anti = start > 0 && words[start - 1] == "anti";
                let negated = anti
                    || field == Field::Cue
                        && words[start.saturating_sub(3)..start]
                            .iter()
                            .any(|w| NEGATIONS.contains(&w.as_str()));
                if !negated {
                    return Some(entry);
                }
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Does the phrase start at the first of `words`? Either word for word, or written together
/// ("situp" for "sit up", "wood chop" for "woodchop").
fn match_at(words: &[String], phrase: &[String], joined: &str) -> bool {
    if words.starts_with(phrase) {
        return true;
    }
    let mut glued = String::new();
    for w in words.iter().take(4) {
        glued.push_str(w);
        if glued == joined {
            return true;
        }
        if glued.len() >= joined.len() {
            return false;
        }
    }
    false
}

/// Lowercase words, without apostrophes, punctuation, filler words or word endings.
pub fn words(text: &str) -> Vec<String> {
    let lowered: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    lowered
        .split_whitespace()
        .filter(|w| !FILLER.contains(w))
        .map(stem)
        .collect()
}

fn stem(word: &str) -> String {
    let w = word;
    let cut = |suffix: &str| w.strip_suffix(suffix).filter(|s| s.chars().count() >= 3);
    if let Some(s) = cut("ies") {
        return format!("{s}y");
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if let Some(s) = cut(suffix) {
            return format!("{s}{}", &suffix[..suffix.len() - 2]);
        }
    }
    for suffix in ["ing", "ed"] {
        if let Some(s) = cut(suffix) {
            return undouble(s);
        }
    }
    if !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && let Some(s) = w.strip_suffix('s').filter(|s| s.chars().count() >= 2)
    {
        return s.to_owned();
    }
    w.to_owned()
}

/// "stopp" (from "stopping") becomes "stop"; "roll" stays "roll".
fn undouble(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n >= 2 && chars[n - 1] == chars[n - 2] && !matches!(chars[n - 1], 'l' | 's' | 'z' | 'e') {
        chars.pop();
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Phrases {
        let c = |p: &str, m| Contraindication {
            phrase: p.into(),
            movement: m,
            instead: "prone-back-extension".into(),
        };
        Phrases::new(vec![
            c("sit up", Spine::Flexion),
            c("crunch", Spine::Flexion),
            c("knee to chest", Spine::Flexion),
            c("child's pose", Spine::Flexion),
            c("round your back", Spine::Flexion),
            c("russian twist", Spine::Rotation),
            c("wood chop", Spine::Rotation),
            c("cat cow", Spine::Flexion),
            c("toe touch", Spine::Flexion),
        ])
    }

    fn hit(text: &str) -> bool {
        list().find(text, Field::Name).is_some()
    }

    #[test]
    fn disguises_are_caught() {
        for text in [
            "Sit-Ups",
            "situps",
            "SIT UP",
            "sit_up",
            "Crunches",
            "bicycle-crunch",
            "Knees to your chest",
            "knees-to-chest",
            "Child's Pose",
            "childs pose",
            "child\u{2019}s pose",
            "Russian Twists",
            "Woodchop",
            "wood-chopper chops: wood chops",
            "Cat\u{2013}cow",
            "catcow",
            "Rounding your back",
            "Toe-touches",
        ] {
            assert!(hit(text), "{text} should be refused");
        }
    }

    #[test]
    fn safe_look_alikes_pass() {
        for text in [
            "Wall push-up",
            "Step-up",
            "Toe raises",
            "Heel raises",
            "Deadlift with a long back",
            "Chin tuck",
            "Bend your knees",
            "Sit to stand",
            "Sit tall, then stand up",
            "Knee lift",
            "Touch the wall",
        ] {
            assert!(!hit(text), "{text} should pass");
        }
    }

    #[test]
    fn a_cue_may_warn_against_a_movement_but_a_name_may_not() {
        let p = list();
        assert!(p.find("Do not round your back", Field::Cue).is_none());
        assert!(p.find("Never do sit-ups", Field::Cue).is_none());
        assert!(p.find("Round your back slowly", Field::Cue).is_some());
        assert!(p.find("Not a crunch", Field::Name).is_some());
        assert!(p.find("Anti-twist band hold", Field::Name).is_none());
    }

    #[test]
    fn words_normalise_endings_and_punctuation() {
        assert_eq!(
            words("Twisting, TWISTED twists!"),
            ["twist", "twist", "twist"]
        );
        assert_eq!(words("rolling rolled"), ["roll", "roll"]);
        assert_eq!(words("stopping"), ["stop"]);
        assert_eq!(words("the toes"), ["toe"]);
    }
}
