//! The safety words every screen and handout shares: the check-in scale (soreness versus
//! sharp pain, after Silbernagel 2007), the red flags and the advice given when a session
//! stops (from the clinical notes; Too Fit To Fracture on exercise after a vertebral
//! fracture). The coach coaches, it does not diagnose, and every safety screen says so.

/// Said on every safety screen.
pub const NOT_A_DIAGNOSIS: &str =
    "upright is a coach, not a doctor: it cannot tell what is causing a symptom.";

/// The check-in guidance: what is normal and what is not.
pub const SORENESS_GUIDE: &str = "Muscles working or a mild, dull ache that eases as you move is normal, especially when you start. Stronger dull soreness is acceptable if it settles within a day. Sharp, stabbing or shooting pain is not normal: stop that exercise.";

/// One red flag: a symptom that ends the session and needs medical attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedFlag {
    pub symptom: &'static str,
    /// Needs emergency care now, not an appointment.
    pub emergency: bool,
}

impl RedFlag {
    /// The symptom as a handout line: emergencies say so.
    pub fn handout_line(&self) -> String {
        if self.emergency {
            format!("{}: get emergency care.", self.symptom)
        } else {
            format!("{}.", self.symptom)
        }
    }
}

pub const RED_FLAGS: [RedFlag; 7] = [
    RedFlag {
        symptom: "Sudden, severe back pain, especially after a minor strain or fall",
        emergency: false,
    },
    RedFlag {
        symptom: "New numbness, tingling or weakness in the legs or arms",
        emergency: false,
    },
    RedFlag {
        symptom: "Numbness around the saddle area, or new bladder or bowel problems",
        emergency: true,
    },
    RedFlag {
        symptom: "Chest, jaw or arm pain, or severe breathlessness",
        emergency: true,
    },
    RedFlag {
        symptom: "Dizziness, fainting or palpitations",
        emergency: true,
    },
    RedFlag {
        symptom: "Fever or chills with back pain",
        emergency: false,
    },
    RedFlag {
        symptom: "A visible new change in the shape of the spine",
        emergency: false,
    },
];

/// The first thing to do after any red flag.
pub const STOP_AND_REST: &str = "Stop exercising now and rest in a safe position.";
/// After a red flag that needs emergency care.
pub const CALL_EMERGENCY: &str =
    "Call emergency services now (999 in the UK, 112 in Europe, 911 in North America).";
/// After any other red flag.
pub const SEE_A_DOCTOR_TODAY: &str = "Contact your doctor today, or urgent care if you cannot reach them. A sudden, severe back pain can be a spine fracture and needs to be checked.";

/// What to do after red flags: emergency care when any of them needs it.
pub fn red_flag_advice(symptoms: &[&str]) -> Vec<&'static str> {
    let emergency = RED_FLAGS
        .iter()
        .any(|f| f.emergency && symptoms.contains(&f.symptom));
    let mut advice = vec![STOP_AND_REST];
    advice.push(if emergency {
        CALL_EMERGENCY
    } else {
        SEE_A_DOCTOR_TODAY
    });
    advice.push("Before your next session, a health professional should confirm that you can carry on exercising; upright will ask.");
    advice.push(NOT_A_DIAGNOSIS);
    advice
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

/// What to do after sharp pain in an exercise.
pub const SHARP_PAIN_ADVICE: &str = "Sharp, stabbing or shooting pain is not the normal feeling of muscles working. This exercise has stopped and will not be made harder. Please have it assessed by a physiotherapist or doctor before you do it again.";

/// The readiness question about an unassessed fracture, and the advice when the answer is yes.
pub const FRACTURE_QUESTION: &str = "Do you have a spine fracture, or sudden severe back pain that might be one, that a health professional has not yet assessed?";
pub const FRACTURE_ADVICE: &str = "Please do not start today. A spine fracture, or a pain that may be one, should be assessed first: see your doctor or physiotherapist, who can guide exercise after a fracture (Too Fit To Fracture recommends a physiotherapist's guidance after a vertebral fracture).";

// ----- for handouts: the same guidance, written for the person at home -----

/// One band of the check-in: what the person feels, what it means, what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub feels: &'static str,
    pub means: &'static str,
    pub action: &'static str,
}

/// Soreness versus sharp pain, from nothing to "stop".
pub const CHECK_IN: [Band; 4] = [
    Band {
        feels: "Nothing, or your muscles working",
        means: "Expected",
        action: "Carry on.",
    },
    Band {
        feels: "A mild, dull muscle ache that eases as you move (0-3 out of 10)",
        means: "Normal, especially when you are starting",
        action: "Carry on.",
    },
    Band {
        feels: "Stronger soreness, still dull (4-5 out of 10)",
        means: "Acceptable if it settles within a day",
        action: "Finish gently, and stay at the same level next time.",
    },
    Band {
        feels: "Sharp, stabbing or shooting pain, or pain above 5 out of 10",
        means: "Not normal",
        action: "Stop this exercise now. Do not make it harder; use the easier version next time, and have it checked by a health professional.",
    },
];

/// How soreness behaves over the next days, and what it changes.
pub const SORENESS_AFTER: &str = "Muscle soreness that starts 12 to 24 hours after exercise and is worst after one to three days is normal. If soreness from the last session is still there, or worse, the next morning, do not move up a level today. Sharp or sudden back pain is never \"acceptable\" soreness: it is a red flag.";

/// What follows a red flag.
pub const AFTER_A_RED_FLAG: &str = "Stop the session and seek medical attention. Before your next session, check with a health professional that you are cleared to continue.";

/// Before the first session.
pub const BEFORE_YOU_START: &str = "Ask a health professional before you start a new exercise program. If you have a spine fracture that has not been assessed, do not start: after a vertebral fracture, exercise should be guided by a physiotherapist (Too Fit To Fracture).";

/// On every handout and safety screen.
pub const DISCLAIMER: &str = "upright coaches; it does not diagnose. It is not a medical device and does not replace advice from your doctor or physiotherapist.";

/// Effort: the Borg CR10 scale the check-ins use.
pub const EFFORT: &str = "Effort is scored from 0 (rest) to 10 (the hardest you can imagine). Strength work aims at 5 to 8: the last two repetitions should feel hard, but you keep good form.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emergency_flags_call_for_emergency_care() {
        let chest = RED_FLAGS[3].symptom;
        assert!(red_flag_advice(&[chest])[1].contains("emergency services"));
        let back = RED_FLAGS[0].symptom;
        assert!(red_flag_advice(&[back])[1].contains("doctor today"));
        assert!(red_flag_advice(&[back]).contains(&NOT_A_DIAGNOSIS));
    }
}
