//! The check-in: how an exercise felt (0-10 with words, dull or sharp), where (the muscles that
//! worked, the back or neck, a joint) and how hard it was (Borg CR10, chosen or skipped), and
//! the one rule that turns an answer into what the coach does, from `shared/clinical.md`:
//! carry on, finish gently and hold the level, stop this exercise, or the red-flag path.

use serde::{Deserialize, Serialize};

/// The highest pain score and effort.
pub const MAX: u8 = 10;

/// The words beside the pain scale: 0 nothing, 1-3 mild, 4-5 moderate, 6-10 severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Intensity {
    Nothing,
    Mild,
    Moderate,
    Severe,
}

impl Intensity {
    pub fn of(pain: u8) -> Intensity {
        match pain {
            0 => Intensity::Nothing,
            1..=3 => Intensity::Mild,
            4..=5 => Intensity::Moderate,
            _ => Intensity::Severe,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Intensity::Nothing => "nothing",
            Intensity::Mild => "mild",
            Intensity::Moderate => "moderate",
            Intensity::Severe => "severe",
        }
    }

    /// Said the moment a score in this band is chosen, before the rest of the answer; `None`
    /// for nothing and mild.
    pub fn advice(self) -> Option<&'static str> {
        match self {
            Intensity::Nothing | Intensity::Mild => None,
            Intensity::Moderate => Some(
                "4-5 is moderate. Dull soreness in the muscles that worked is acceptable if it settles within a day: finish gently. In the back, neck or a joint it is too much: stop.",
            ),
            Intensity::Severe => Some(
                "6 or more is severe: not the normal feeling of muscles working, so this exercise will stop. Two quick questions first: what it is like, and where.",
            ),
        }
    }
}

/// What the pain is like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    /// An ache, soreness, tiredness.
    Dull,
    /// Sharp, stabbing or shooting.
    Sharp,
}

impl Quality {
    pub const ALL: [Quality; 2] = [Quality::Dull, Quality::Sharp];

    pub fn label(self) -> &'static str {
        match self {
            Quality::Dull => "dull: an ache or soreness",
            Quality::Sharp => "sharp, stabbing or shooting",
        }
    }

    /// The word alone, for tables and exports.
    pub fn word(self) -> &'static str {
        match self {
            Quality::Dull => "dull",
            Quality::Sharp => "sharp",
        }
    }
}

/// Where it is felt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The muscles that worked: dull ache there is training.
    Muscles,
    /// The back or the neck: the spine, watched most closely.
    Back,
    /// A joint (knee, hip, shoulder, ...): watched more closely than muscles.
    Joint,
}

impl Place {
    pub const ALL: [Place; 3] = [Place::Muscles, Place::Back, Place::Joint];

    pub fn label(self) -> &'static str {
        match self {
            Place::Muscles => "in the muscles that worked",
            Place::Back => "in my back or neck",
            Place::Joint => "in a joint (knee, hip, shoulder, ...)",
        }
    }

    /// Where, as a summary says it: "in the back or neck".
    pub fn phrase(self) -> &'static str {
        match self {
            Place::Muscles => "in the muscles that worked",
            Place::Back => "in the back or neck",
            Place::Joint => "in a joint",
        }
    }

    /// The word alone, for tables and exports.
    pub fn word(self) -> &'static str {
        match self {
            Place::Muscles => "muscles",
            Place::Back => "back",
            Place::Joint => "joint",
        }
    }
}

/// How an exercise felt in the check-in's older, four-answer form. Journals written before the
/// 0-10 scale have only this; newer ones still write it (derived from the answer) so an older
/// upright can read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    /// Nothing, or muscles working.
    Fine,
    /// A mild muscle ache.
    MildAche,
    /// Stronger soreness, still dull.
    Sore,
    /// Sharp, stabbing or shooting pain.
    Sharp,
}

impl Feeling {
    pub const ALL: [Feeling; 4] = [
        Feeling::Fine,
        Feeling::MildAche,
        Feeling::Sore,
        Feeling::Sharp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Feeling::Fine => "Nothing, or muscles working",
            Feeling::MildAche => "A mild ache",
            Feeling::Sore => "Stronger soreness, still dull",
            Feeling::Sharp => "Sharp, stabbing or shooting pain",
        }
    }

    /// 1 to 4, as the older check-in numbered them (and the export's `feeling` column).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
}

/// One check-in answer. Nothing in it is ever pre-filled: the person chose every part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Answer {
    /// 0 (nothing) to 10.
    pub pain: u8,
    /// Dull or sharp; `None` when there is no pain.
    pub quality: Option<Quality>,
    /// Where; `None` when there is no pain.
    pub place: Option<Place>,
    /// Borg CR10, 0-10; `None` when the person skipped the question.
    pub effort: Option<u8>,
}

/// What the coach does after a check-in (the table in `shared/clinical.md`), mildest first.
/// Serialised in the journal's snapshot (a replay's open session keeps its worst response).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Response {
    /// Expected: carry on; counts toward progression.
    CarryOn,
    /// Acceptable if it settles within a day: finish gently; the level holds next time.
    FinishGently,
    /// Not normal: stop this exercise now, do not progress it, suggest the easier variant,
    /// advise assessment by a health professional.
    Stop,
    /// Sharp back or neck pain: never "acceptable"; the red-flag path (possible fracture).
    RedFlag,
}

impl Response {
    /// Whether the exercise stops now (and the next session asks before it comes back).
    pub fn stops(self) -> bool {
        self >= Response::Stop
    }

    /// What the coach says, in plain words.
    pub fn advice(self, place: Option<Place>) -> &'static str {
        match (self, place) {
            (Response::CarryOn, _) => {
                "Muscles working or a mild, dull ache is normal, especially when you start. Carry on."
            }
            (Response::FinishGently, Some(Place::Muscles) | None) => {
                "Moderate dull soreness is acceptable if it settles within a day. Finish gently: this exercise stays at the same level next time."
            }
            (Response::FinishGently, Some(_)) => {
                "Pain in the back, neck or a joint is watched more closely. Finish gently: this exercise stays at the same level next time. If it gets worse or turns sharp, stop."
            }
            (Response::Stop, _) => STOP_ADVICE,
            (Response::RedFlag, _) => {
                "Sharp or sudden back or neck pain is never normal exercise soreness: it can be a sign of a spine fracture. The session stops here."
            }
        }
    }
}

/// What the coach says when an exercise stops for pain.
pub const STOP_ADVICE: &str = "This is not the normal feeling of muscles working. This exercise stops now and will not be made harder. Please have it assessed by a physiotherapist or doctor; next time upright asks first, and offers the easier variant or to leave it out.";

impl Answer {
    /// No pain at all, effort as given.
    pub fn nothing(effort: Option<u8>) -> Answer {
        Answer {
            pain: 0,
            quality: None,
            place: None,
            effort,
        }
    }

    /// Pain `pain` of `quality` at `place`; scores above 10 count as 10, a score of 0 is no pain.
    pub fn pain(pain: u8, quality: Quality, place: Place, effort: Option<u8>) -> Answer {
        let pain = pain.min(MAX);
        if pain == 0 {
            return Answer::nothing(effort);
        }
        Answer {
            pain,
            quality: Some(quality),
            place: Some(place),
            effort,
        }
    }

    /// The same answer with effort `effort` (at most 10).
    pub fn with_effort(self, effort: Option<u8>) -> Answer {
        Answer {
            effort: effort.map(|e| e.min(MAX)),
            ..self
        }
    }

    /// What an older journal's four-answer check-in meant, as an answer: fine is no pain, a mild
    /// ache 2/10 and stronger soreness 4/10 in the muscles, both dull; sharp is sharp (where was
    /// not asked, so it stops the exercise but is not taken as back pain).
    pub fn from_feeling(feeling: Feeling, effort: Option<u8>) -> Answer {
        match feeling {
            Feeling::Fine => Answer::nothing(effort),
            Feeling::MildAche => Answer::pain(2, Quality::Dull, Place::Muscles, effort),
            Feeling::Sore => Answer::pain(4, Quality::Dull, Place::Muscles, effort),
            Feeling::Sharp => Answer::pain(6, Quality::Sharp, Place::Muscles, effort),
        }
    }

    pub fn intensity(&self) -> Intensity {
        Intensity::of(self.pain)
    }

    /// What the coach does: the table in `shared/clinical.md`.
    pub fn response(&self) -> Response {
        if self.pain == 0 {
            return Response::CarryOn;
        }
        let place = self.place.unwrap_or(Place::Muscles);
        match self.quality.unwrap_or(Quality::Dull) {
            Quality::Sharp if place == Place::Back => Response::RedFlag,
            Quality::Sharp => Response::Stop,
            Quality::Dull if self.pain > 5 => Response::Stop,
            Quality::Dull => match place {
                Place::Muscles if self.pain <= 3 => Response::CarryOn,
                Place::Muscles => Response::FinishGently,
                Place::Back | Place::Joint if self.pain <= 3 => Response::FinishGently,
                Place::Back | Place::Joint => Response::Stop,
            },
        }
    }

    /// The four-answer form an older upright reads.
    pub fn feeling(&self) -> Feeling {
        match self.response() {
            Response::CarryOn if self.pain == 0 => Feeling::Fine,
            Response::CarryOn => Feeling::MildAche,
            Response::FinishGently => Feeling::Sore,
            Response::Stop | Response::RedFlag => Feeling::Sharp,
        }
    }

    /// The answer in words: "4/10 moderate, dull, in the muscles that worked".
    pub fn describe(&self) -> String {
        if self.pain == 0 {
            return "no pain".into();
        }
        let mut out = format!("{}/10 {}", self.pain, self.intensity().label());
        if let Some(q) = self.quality {
            out.push_str(&format!(", {}", q.word()));
        }
        if let Some(p) = self.place {
            out.push_str(&format!(", {}", p.phrase()));
        }
        out
    }
}

/// The words beside the effort scale (Borg CR10; moderate is about 5-6, strength work aims
/// at 5-8).
pub fn effort_words(effort: u8) -> &'static str {
    match effort {
        0 => "rest",
        1..=2 => "very easy",
        3..=4 => "easy",
        5..=6 => "moderate",
        7..=8 => "hard",
        9 => "very hard",
        _ => "maximal",
    }
}

/// Effort steers progression: a clean session at this effort or less moves up sooner.
pub const EASY_EFFORT: u8 = 3;
/// Effort at or above this holds the level even when nothing hurt.
pub const HARD_EFFORT: u8 = 9;

#[cfg(test)]
mod tests {
    use super::*;
    use Place::*;
    use Quality::*;

    fn r(pain: u8, quality: Quality, place: Place) -> Response {
        Answer::pain(pain, quality, place, None).response()
    }

    #[test]
    fn the_scale_has_words() {
        let words: Vec<&str> = (0..=10).map(|p| Intensity::of(p).label()).collect();
        assert_eq!(
            words,
            [
                "nothing", "mild", "mild", "mild", "moderate", "moderate", "severe", "severe",
                "severe", "severe", "severe"
            ]
        );
        assert!(Intensity::Mild.advice().is_none());
        assert!(
            Intensity::Moderate
                .advice()
                .unwrap()
                .contains("finish gently")
        );
        assert!(Intensity::Severe.advice().unwrap().contains("will stop"));
    }

    #[test]
    fn nothing_and_mild_dull_muscle_ache_carry_on() {
        assert_eq!(Answer::nothing(Some(5)).response(), Response::CarryOn);
        for pain in 1..=3 {
            assert_eq!(r(pain, Dull, Muscles), Response::CarryOn, "{pain}");
        }
    }

    #[test]
    fn moderate_dull_muscle_soreness_and_mild_dull_back_or_joint_pain_finish_gently() {
        for pain in 4..=5 {
            assert_eq!(r(pain, Dull, Muscles), Response::FinishGently, "{pain}");
        }
        for pain in 1..=3 {
            assert_eq!(r(pain, Dull, Back), Response::FinishGently, "{pain}");
            assert_eq!(r(pain, Dull, Joint), Response::FinishGently, "{pain}");
        }
    }

    #[test]
    fn dull_back_pain_above_3_severe_pain_and_sharp_pain_stop_the_exercise() {
        for pain in 4..=10 {
            assert_eq!(r(pain, Dull, Back), Response::Stop, "back {pain}");
            assert_eq!(r(pain, Dull, Joint), Response::Stop, "joint {pain}");
        }
        for pain in 6..=10 {
            assert_eq!(r(pain, Dull, Muscles), Response::Stop, "muscles {pain}");
        }
        for pain in 1..=10 {
            assert_eq!(
                r(pain, Sharp, Muscles),
                Response::Stop,
                "sharp muscles {pain}"
            );
            assert_eq!(r(pain, Sharp, Joint), Response::Stop, "sharp joint {pain}");
        }
    }

    #[test]
    fn sharp_back_pain_at_any_score_goes_to_the_red_flag_path() {
        for pain in 1..=10 {
            assert_eq!(r(pain, Sharp, Back), Response::RedFlag, "{pain}");
        }
        assert!(Response::RedFlag.stops() && Response::Stop.stops());
        assert!(!Response::FinishGently.stops());
    }

    #[test]
    fn zero_is_no_pain_and_scores_above_ten_are_ten() {
        let a = Answer::pain(0, Sharp, Back, None);
        assert_eq!((a.quality, a.place), (None, None));
        assert_eq!(a.response(), Response::CarryOn);
        assert_eq!(Answer::pain(200, Dull, Muscles, None).pain, 10);
        assert_eq!(Answer::nothing(None).with_effort(Some(99)).effort, Some(10));
    }

    #[test]
    fn older_four_answer_check_ins_keep_their_meaning_both_ways() {
        for f in [
            Feeling::Fine,
            Feeling::MildAche,
            Feeling::Sore,
            Feeling::Sharp,
        ] {
            assert_eq!(Answer::from_feeling(f, None).feeling(), f, "{f:?}");
        }
        assert_eq!(
            Answer::from_feeling(Feeling::Sharp, None).response(),
            Response::Stop,
            "an old sharp answer never said where: not taken as back pain"
        );
        assert_eq!(
            Answer::pain(2, Dull, Back, None).feeling(),
            Feeling::Sore,
            "held, so an older upright holds too"
        );
        assert_eq!(Answer::pain(3, Sharp, Back, None).feeling(), Feeling::Sharp);
    }

    #[test]
    fn effort_has_words_and_moderate_is_five_to_six() {
        let words: Vec<&str> = (0..=10).map(effort_words).collect();
        assert_eq!(words[0], "rest");
        assert_eq!((words[5], words[6]), ("moderate", "moderate"));
        assert_eq!(words[10], "maximal");
    }

    #[test]
    fn an_answer_reads_back_in_words() {
        assert_eq!(Answer::nothing(None).describe(), "no pain");
        assert_eq!(
            Answer::pain(4, Dull, Muscles, Some(6)).describe(),
            "4/10 moderate, dull, in the muscles that worked"
        );
    }
}
