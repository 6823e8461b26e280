//! The safety words every screen and handout shares: the check-in scale (soreness versus
//! sharp pain, after Silbernagel 2007), the red flags and the advice given when a session
//! stops (from the clinical notes; Too Fit To Fracture on exercise after a vertebral
//! fracture). The coach coaches, it does not diagnose, and every safety screen says so.

/// Said on every safety screen.
pub const NOT_A_DIAGNOSIS: &str =
    "upright is a coach, not a doctor: it cannot tell what is causing a symptom.";

/// The check-in guidance: what is normal and what is not.
pub const SORENESS_GUIDE: &str = "Muscles working or a mild, dull ache in them is normal, especially when you start. Moderate dull soreness (4-5 out of 10) is acceptable if it settles within a day. Pain in the back, neck or a joint is watched more closely. Sharp, stabbing or shooting pain, or anything above 5, is not normal: stop that exercise.";

/// How urgently a red flag needs medical attention (the table in `shared/clinical.md`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Stop; see a doctor soon (within days).
    Soon,
    /// Stop; contact a doctor today.
    Today,
    /// Call emergency services now.
    Emergency,
}

impl Urgency {
    /// The heading of its advice, as the screens and handouts say it.
    pub fn heading(self) -> &'static str {
        match self {
            Urgency::Emergency => "Emergency: call emergency services now",
            Urgency::Today => "Stop, and contact a doctor today",
            Urgency::Soon => "Stop, and see a doctor soon (within days)",
        }
    }

    /// A short word for lists, tables and exports.
    pub fn word(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::Today => "today",
            Urgency::Soon => "soon",
        }
    }

    /// What to do, in full.
    pub fn advice(self) -> &'static str {
        match self {
            Urgency::Emergency => CALL_EMERGENCY,
            Urgency::Today => SEE_A_DOCTOR_TODAY,
            Urgency::Soon => SEE_A_DOCTOR_SOON,
        }
    }
}

/// One red flag: a symptom that ends the session and needs medical attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedFlag {
    pub symptom: &'static str,
    pub urgency: Urgency,
}

impl RedFlag {
    /// The symptom as a handout line, with its urgency.
    pub fn handout_line(&self) -> String {
        format!(
            "{}: {}.",
            self.symptom,
            self.urgency.heading().to_lowercase()
        )
    }

    /// The red flag with these words (as a journal records them), if it is one of today's.
    pub fn find(symptom: &str) -> Option<&'static RedFlag> {
        RED_FLAGS.iter().find(|f| f.symptom == symptom)
    }
}

/// Every red flag, most urgent first; the numbers on screen are their places here (1-9).
pub const RED_FLAGS: [RedFlag; 9] = [
    RedFlag {
        symptom: "Chest, jaw or arm pain, or severe breathlessness",
        urgency: Urgency::Emergency,
    },
    RedFlag {
        symptom: "Fainting or near-fainting",
        urgency: Urgency::Emergency,
    },
    RedFlag {
        symptom: "New weakness, numbness or tingling in the legs or arms that came on suddenly",
        urgency: Urgency::Emergency,
    },
    RedFlag {
        symptom: "Numbness in the saddle area, or new loss of bladder or bowel control",
        urgency: Urgency::Emergency,
    },
    SUDDEN_BACK_PAIN,
    FALL,
    RedFlag {
        symptom: "Fever or chills with back pain",
        urgency: Urgency::Soon,
    },
    RedFlag {
        symptom: "A visible new change in the shape of the spine",
        urgency: Urgency::Soon,
    },
    RedFlag {
        symptom: "Palpitations that settle, or light-headedness that passes on sitting down",
        urgency: Urgency::Soon,
    },
];

/// Sudden, severe back pain: also where sharp back pain in a check-in leads.
pub const SUDDEN_BACK_PAIN: RedFlag = RedFlag {
    symptom: "Sudden, severe back pain, especially after a strain, a cough or a fall",
    urgency: Urgency::Today,
};

/// A fall during the session: always recorded, with or without pain.
pub const FALL: RedFlag = RedFlag {
    symptom: "I fell (even without pain)",
    urgency: Urgency::Today,
};

/// The first thing to do after any red flag.
pub const STOP_AND_REST: &str = "Stop exercising now and rest in a safe position.";
/// After a red flag that needs emergency care.
pub const CALL_EMERGENCY: &str = "Call emergency services now (999 in the UK, 112 in Europe, 911 in North America). Do not drive yourself.";
/// After a red flag that needs a doctor today.
pub const SEE_A_DOCTOR_TODAY: &str = "Contact your doctor today, or urgent care if you cannot reach them. A sudden, severe back pain or a fall can mean a broken bone, even when it does not hurt much, and needs to be checked. If it gets worse, call emergency services.";
/// After a red flag that needs a doctor within days.
pub const SEE_A_DOCTOR_SOON: &str = "Do not exercise again until you have seen your doctor: make an appointment within the next few days. If it gets worse, or anything on the emergency list comes on, call emergency services.";
/// Before the next session, after any red flag.
pub const CLEARANCE_NEXT_TIME: &str = "Before your next session, a health professional should confirm that you can carry on exercising; upright will ask.";

/// The most urgent of the red flags with these words (as recorded in a journal); words from
/// an older journal that are no longer on the list count as needing a doctor today.
pub fn urgency_of<S: AsRef<str>>(symptoms: &[S]) -> Urgency {
    symptoms
        .iter()
        .map(|s| RedFlag::find(s.as_ref()).map_or(Urgency::Today, |f| f.urgency))
        .max()
        .unwrap_or(Urgency::Today)
}

/// What the coach says after red flags: its urgency, a title and the lines of advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedFlagAdvice {
    pub urgency: Urgency,
    pub title: String,
    pub lines: Vec<String>,
}

/// The advice after red flags with these words: the most urgent one's.
pub fn red_flag_advice<S: AsRef<str>>(symptoms: &[S]) -> RedFlagAdvice {
    let urgency = urgency_of(symptoms);
    let mut lines: Vec<String> = symptoms
        .iter()
        .map(|s| format!("You reported: {}.", s.as_ref().trim_end_matches('.')))
        .collect();
    lines.push(urgency.advice().to_owned());
    lines.push(STOP_AND_REST.to_owned());
    lines.push(CLEARANCE_NEXT_TIME.to_owned());
    lines.push(NOT_A_DIAGNOSIS.to_owned());
    RedFlagAdvice {
        urgency,
        title: urgency.heading().to_owned(),
        lines,
    }
}

/// On the class display at all times.
pub const CLASS_SAFETY_LINE: &str =
    "Muscles working or a mild ache is normal. Sharp pain: stop and tell the instructor.";
/// Heads the red flags the class display puts on screen for the room.
pub const CLASS_RED_FLAGS: &str = "If someone has one of these: stop, and get help.";

/// The class display's first slide: who should not join today.
pub const CLASS_BEFORE_START: &str = "If you have a spine fracture, or sudden severe back pain that might be one, that a health professional has not yet assessed: please do not join in today, and tell the instructor.";
/// The class display's last slide: what to expect afterwards.
pub const AFTER_CLASS: &str = "Tired, slightly sore muscles over the next day or two are normal. Pain that is sharp, or worse the next morning, is not: tell your instructor or physiotherapist.";

/// The readiness question about an unassessed fracture, and the advice when the answer is yes.
pub const FRACTURE_QUESTION: &str = "Do you have a spine fracture, or sudden severe back pain that might be one, that a health professional has not yet assessed?";
/// The third answer to the fracture question: a fracture that has been assessed. Only a
/// program marked `after_fracture` runs then (`shared/clinical.md`: no impact beyond brisk
/// walking, nothing that progresses into it).
pub const FRACTURE_ASSESSED: &str = "A spine fracture that a health professional has assessed: upright runs only programs marked as suitable after a fracture (no impact beyond brisk walking).";
/// The advice when the answer is "assessed" and the program is not marked for it.
pub const NOT_AFTER_FRACTURE: &str = "This program is not marked as suitable after a spine fracture: it may include impact or progress into it. Please choose a program marked as suitable after a fracture, or ask your physiotherapist for one.";
pub const FRACTURE_ADVICE: &str = "Please do not start today. A spine fracture, or a pain that may be one, should be assessed first: see your doctor or physiotherapist, who can guide exercise after a fracture (Too Fit To Fracture recommends a physiotherapist's guidance after a vertebral fracture).";

// ----- for handouts: the same guidance, written for the person at home -----

/// One band of the check-in: what the person feels, what it means, what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub feels: &'static str,
    pub means: &'static str,
    pub action: &'static str,
}

/// Soreness versus sharp pain, from nothing to "stop" (the table in `shared/clinical.md`).
pub const CHECK_IN: [Band; 5] = [
    Band {
        feels: "Nothing, or your muscles working (0 out of 10)",
        means: "Expected",
        action: "Carry on.",
    },
    Band {
        feels: "A mild, dull ache in the muscles that worked (1-3 out of 10)",
        means: "Normal, especially when you are starting",
        action: "Carry on.",
    },
    Band {
        feels: "Moderate dull soreness in those muscles (4-5 out of 10), or a dull pain in the back, neck or a joint up to 3 out of 10",
        means: "Acceptable if it settles within a day",
        action: "Finish gently, and stay at the same level next time.",
    },
    Band {
        feels: "Sharp, stabbing or shooting pain anywhere; any pain above 5 out of 10; a dull pain in the back, neck or a joint above 3 out of 10",
        means: "Not normal",
        action: "Stop this exercise now. Do not make it harder; next time do the easier version or leave it out, and have it checked by a health professional.",
    },
    Band {
        feels: "Sharp or sudden pain in the back or neck",
        means: "Can be a sign of a spine fracture",
        action: "Stop the session and contact a doctor today.",
    },
];

/// How soreness behaves over the next days, and what it changes.
pub const SORENESS_AFTER: &str = "Muscle soreness that starts 12 to 24 hours after exercise and is worst after one to three days is normal, and changes nothing. Pain in the back, neck or a joint from the last session that is still there the next morning means no moving up a level today; if it is worse, today steps back. Sharp or sudden back pain is never \"acceptable\" soreness: it is a red flag.";

/// What follows a red flag.
pub const AFTER_A_RED_FLAG: &str = "Stop the session and seek medical attention. Before your next session, check with a health professional that you are cleared to continue.";

/// Before the first session.
pub const BEFORE_YOU_START: &str = "Ask a health professional before you start a new exercise program. If you have a spine fracture that has not been assessed, do not start: after a vertebral fracture, exercise should be guided by a physiotherapist (Too Fit To Fracture).";

/// On every handout and safety screen.
pub const DISCLAIMER: &str = "upright coaches; it does not diagnose. It is not a medical device and does not replace advice from your doctor or physiotherapist.";

/// Effort: the Borg CR10 scale the check-ins use.
pub const EFFORT: &str = "Effort is scored from 0 (rest) to 10 (the hardest you can imagine). Strength work aims at 5 to 8: the last two repetitions should feel hard, but you keep good form. Easy sessions (3 or less) move up sooner; 9 or 10 stays at the same level, even when nothing hurt.";

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(words: &str) -> &'static RedFlag {
        RED_FLAGS
            .iter()
            .find(|f| f.symptom.contains(words))
            .unwrap_or_else(|| panic!("no red flag with {words:?}"))
    }

    #[test]
    fn each_red_flag_has_the_urgency_of_the_clinical_table() {
        use Urgency::*;
        for (words, urgency) in [
            ("Chest, jaw or arm pain", Emergency),
            ("severe breathlessness", Emergency),
            ("Fainting or near-fainting", Emergency),
            ("came on suddenly", Emergency),
            ("saddle area", Emergency),
            ("bladder or bowel", Emergency),
            ("Sudden, severe back pain", Today),
            ("I fell", Today),
            ("Fever or chills", Soon),
            ("shape of the spine", Soon),
            ("Palpitations that settle", Soon),
            ("light-headedness that passes", Soon),
        ] {
            assert_eq!(flag(words).urgency, urgency, "{words}");
        }
        assert!(RED_FLAGS.len() <= 9, "one digit key each");
        let mut sorted = RED_FLAGS;
        sorted.sort_by_key(|f| std::cmp::Reverse(f.urgency));
        assert_eq!(sorted, RED_FLAGS, "most urgent first");
    }

    #[test]
    fn the_most_urgent_flag_sets_the_advice() {
        let chest = flag("Chest").symptom;
        let back = SUDDEN_BACK_PAIN.symptom;
        let fever = flag("Fever").symptom;
        let a = red_flag_advice(&[fever, chest]);
        assert_eq!(a.urgency, Urgency::Emergency);
        assert!(a.lines.iter().any(|l| l.contains("emergency services now")));
        let a = red_flag_advice(&[back, fever]);
        assert_eq!(a.urgency, Urgency::Today);
        assert!(a.lines.iter().any(|l| l.contains("doctor today")));
        let a = red_flag_advice(&[fever]);
        assert_eq!(a.urgency, Urgency::Soon);
        assert!(a.title.contains("within days"));
        for a in [red_flag_advice(&[chest]), red_flag_advice(&[FALL.symptom])] {
            assert!(a.lines.contains(&NOT_A_DIAGNOSIS.to_owned()));
            assert!(a.lines.iter().any(|l| l.contains("upright will ask")));
            assert!(a.lines[0].starts_with("You reported:"));
        }
    }

    #[test]
    fn a_fall_is_a_red_flag_of_its_own_needing_a_doctor_today() {
        assert_eq!(FALL.urgency, Urgency::Today);
        assert!(RED_FLAGS.contains(&FALL));
        assert!(RED_FLAGS.contains(&SUDDEN_BACK_PAIN));
    }

    #[test]
    fn words_from_an_older_journal_need_a_doctor_today() {
        assert_eq!(
            urgency_of(&["Dizziness, fainting or palpitations"]),
            Urgency::Today
        );
        assert_eq!(urgency_of::<&str>(&[]), Urgency::Today);
        assert!(
            red_flag_advice(&["Dizziness, fainting or palpitations"]).lines[0]
                .contains("Dizziness")
        );
    }
}
