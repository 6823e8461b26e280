//! The safety words every screen and handout shares: the check-in scale, the red flags and
//! the advice given when a session stops. From `shared/clinical.md`; the coach coaches, it
//! does not diagnose, and every safety screen says so.

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
