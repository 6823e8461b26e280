//! The cue stream with a fake clock: `at(n)` is n seconds after the start. A session is
//! walked wake by wake as the terminal loop walks it (to the engine's next change or the next
//! cue, whichever is first), and every cue must be due exactly at a wake.

use std::time::{Duration, Instant};

use super::*;
use crate::program::{Dose, Library};
use crate::records::journal::Feeling;
use crate::training::checkin::Answer;
use crate::training::plan::{ItemKey, Plan, Planned};

use CueKind::*;

fn planned(id: &str, dose: Dose) -> Planned {
    Planned {
        key: ItemKey::new("A", "Main", id),
        block: "Main".into(),
        exercise: Library::bundled().get(id).unwrap().clone(),
        dose,
        level: 0,
    }
}

fn reps(sets: u32, reps: u32, rest: u32, tempo: Option<u32>) -> Dose {
    Dose::Reps {
        sets,
        reps,
        rest,
        tempo,
        per_side: false,
    }
}

fn holds(reps: u32, hold: u32) -> Dose {
    Dose::Holds {
        sets: 1,
        reps,
        hold,
        rest: 0,
        per_side: false,
    }
}

fn time(secs: u32, sets: u32, rest: u32, per_side: bool) -> Dose {
    Dose::Time {
        secs,
        sets,
        rest,
        per_side,
    }
}

/// What was heard: seconds after the start, kind, words, tone.
type Heard = (f64, CueKind, String, Option<Tone>);

struct Listen {
    t0: Instant,
    now: Instant,
    e: Engine,
    c: Cues,
    heard: Vec<Heard>,
}

impl Listen {
    fn new(items: Vec<Planned>, options: Options) -> Listen {
        Listen::plan(Plan::from_exercises("P", "A", 0, items), options)
    }

    fn plan(plan: Plan, options: Options) -> Listen {
        let t0 = Instant::now();
        let mut l = Listen {
            t0,
            now: t0,
            e: Engine::new(plan, t0),
            c: Cues::new(options),
            heard: Vec::new(),
        };
        l.listen();
        l
    }

    fn at(&self, secs: f64) -> Instant {
        self.t0 + Duration::from_secs_f64(secs)
    }

    fn listen(&mut self) {
        for cue in self.c.due(Some(&self.e), self.now) {
            let secs = cue.at.duration_since(self.t0).as_secs_f64();
            self.heard.push((secs, cue.kind, cue.words, cue.tone));
        }
    }

    /// Walks wake by wake up to `secs`, as the terminal loop does.
    fn until(&mut self, secs: f64) -> &mut Self {
        let end = self.at(secs);
        loop {
            let change = self.e.next_change(self.now);
            let cue = self.c.next_due(Some(&self.e), self.now);
            if let Some(c) = cue {
                // Listening adds no wake-ups: a cue is due when the countdown changes anyway.
                assert!(
                    change.is_some_and(|n| n <= c),
                    "a cue at {:?} with no countdown change before it",
                    c.duration_since(self.t0)
                );
            }
            let wake = match (change, cue) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let before = self.heard.len();
            match wake {
                Some(w) if w <= end => {
                    self.now = w;
                    self.e.tick(w);
                    self.listen();
                    // Every cue heard at a wake is due exactly then: none is late.
                    for h in &self.heard[before..] {
                        assert_eq!(self.at(h.0), w, "{h:?} heard late");
                    }
                }
                _ => {
                    self.now = end;
                    self.e.tick(end);
                    self.listen();
                    return self;
                }
            }
        }
    }

    /// Moves to `secs` and does `input` there.
    fn input(&mut self, secs: f64, input: impl FnOnce(&mut Engine, Instant)) -> &mut Self {
        self.until(secs);
        input(&mut self.e, self.now);
        self.listen();
        self
    }

    /// What was heard, without the tones.
    fn words(&self) -> Vec<(f64, CueKind, &str)> {
        self.heard
            .iter()
            .map(|(t, k, w, _)| (*t, *k, w.as_str()))
            .collect()
    }
}

fn counts(from: f64) -> Vec<(f64, CueKind, &'static str)> {
    vec![
        (from, Count, "3"),
        (from + 1.0, Count, "2"),
        (from + 2.0, Count, "1"),
    ]
}

/// `parts` joined in order.
fn seq(parts: Vec<Vec<(f64, CueKind, &'static str)>>) -> Vec<(f64, CueKind, &'static str)> {
    parts.concat()
}

#[test]
fn tempo_reps_say_the_dose_count_in_then_go_and_the_check_in() {
    let mut l = Listen::new(
        vec![planned("sit-to-stand", reps(1, 3, 0, Some(4)))],
        Options::default(),
    );
    l.until(30.0);
    l.input(31.0, |e, now| {
        e.check_in(now, Answer::from_feeling(Feeling::Fine, Some(5)));
    });
    assert_eq!(
        l.words(),
        seq(vec![
            vec![(
                0.0,
                Exercise,
                "Sit to stand. 3 reps, 4 seconds a rep. Get ready."
            )],
            counts(7.0),
            vec![
                (10.0, Start, "Go: 3 reps."),
                (22.0, CheckIn, "How did that feel?"),
                (31.0, End, "Session complete. Well done."),
            ],
        ])
    );
    let tones: Vec<Option<Tone>> = l.heard.iter().map(|h| h.3).collect();
    assert_eq!(
        tones,
        vec![
            Some(Tone::Ready),
            Some(Tone::Count),
            Some(Tone::Count),
            Some(Tone::Count),
            Some(Tone::Start),
            Some(Tone::Done),
            Some(Tone::Done),
        ]
    );
}

#[test]
fn rep_cues_when_asked_for_say_each_rep_and_its_stages_from_the_plan() {
    let mut l = Listen::new(
        vec![planned("sit-to-stand", reps(1, 3, 0, Some(4)))],
        Options { reps: true },
    );
    l.until(23.0);
    let work: Vec<(f64, CueKind, &str, Option<Tone>)> = l
        .heard
        .iter()
        .filter(|h| (10.0..22.0).contains(&h.0))
        .map(|(t, k, w, tone)| (*t, *k, w.as_str(), *tone))
        .collect();
    // The words are the exercise's own, in its order: sit to stand at 4 s a rep is
    // "stand 1 ... sit 3".
    assert_eq!(
        work,
        vec![
            (10.0, Start, "Go: 3 reps. Stand.", Some(Tone::Start)),
            (11.0, Rep, "Sit.", None),
            (14.0, Rep, "2. Stand.", Some(Tone::Rep)),
            (15.0, Rep, "Sit.", None),
            (18.0, Rep, "3. Stand.", Some(Tone::Rep)),
            (19.0, Rep, "Sit.", None),
        ]
    );
}

#[test]
fn holds_say_hold_and_relax_and_count_the_end_of_each_long_hold() {
    let mut l = Listen::new(vec![planned("chin-tuck", holds(2, 5))], Options::default());
    l.until(25.0);
    assert_eq!(
        l.words(),
        seq(vec![
            vec![(0.0, Exercise, "Chin tuck. 2 holds of 5 seconds. Get ready.")],
            counts(7.0),
            vec![(10.0, Start, "Go: 2 holds of 5 seconds. Hold.")],
            counts(12.0),
            vec![(15.0, Relax, "Relax."), (17.0, Hold, "Last one. Hold.")],
            counts(19.0),
            vec![
                (22.0, Relax, "Relax."),
                (24.0, CheckIn, "How did that feel?")
            ],
        ])
    );
    assert_eq!(l.heard[4].3, Some(Tone::Hold));
    assert_eq!(l.heard[8].3, Some(Tone::Relax));
    assert_eq!(l.heard[9].3, Some(Tone::Hold));
}

#[test]
fn short_holds_are_not_counted() {
    let mut l = Listen::new(vec![planned("chin-tuck", holds(3, 3))], Options::default());
    l.until(26.0);
    let work: Vec<(f64, CueKind, &str)> = l.words().into_iter().filter(|h| h.0 >= 10.0).collect();
    assert_eq!(
        work,
        vec![
            (10.0, Start, "Go: 3 holds of 3 seconds. Hold."),
            (13.0, Relax, "Relax."),
            (15.0, Hold, "Hold."),
            (18.0, Relax, "Relax."),
            (20.0, Hold, "Last one. Hold."),
            (23.0, Relax, "Relax."),
            (25.0, CheckIn, "How did that feel?"),
        ]
    );
}

#[test]
fn timed_sets_per_side_say_the_side_the_switch_and_the_rest_with_what_comes_next() {
    let mut l = Listen::new(
        vec![planned("single-leg-stand", time(6, 2, 5, true))],
        Options::default(),
    );
    l.until(33.0);
    assert_eq!(
        l.words(),
        seq(vec![
            vec![(
                0.0,
                Exercise,
                "Single-leg stand. 2 sets of 6 seconds each side. Get ready."
            )],
            counts(7.0),
            vec![(10.0, Start, "Left side. Set 1 of 2. Go: 6 seconds.")],
            counts(13.0),
            vec![(16.0, SwitchSides, "Switch sides. Now the right side.")],
            counts(18.0),
            vec![(21.0, Start, "Right side. Set 1 of 2. Go: 6 seconds.")],
            counts(24.0),
            vec![(27.0, Rest, "Rest, 5 seconds. Next: set 2 of 2.")],
            counts(29.0),
            vec![(32.0, Start, "Left side. Set 2 of 2. Go: 6 seconds.")],
        ])
    );
    let tone = |k: CueKind| l.heard.iter().find(|h| h.1 == k).unwrap().3;
    assert_eq!(tone(SwitchSides), Some(Tone::Switch));
    assert_eq!(tone(Rest), Some(Tone::Relax));
}

#[test]
fn unpaced_reps_say_go_then_wait_silently_for_the_person() {
    let mut l = Listen::new(
        vec![planned("wall-push-up", reps(1, 10, 0, None))],
        Options { reps: true },
    );
    l.until(10.0);
    assert_eq!(l.c.next_due(Some(&l.e), l.now), None, "nothing more to say");
    l.input(40.0, |e, now| e.done(now));
    let work: Vec<(f64, CueKind, &str)> = l.words().into_iter().filter(|h| h.0 >= 10.0).collect();
    assert_eq!(
        work,
        vec![
            (10.0, Start, "Go: 10 reps at your own pace."),
            (40.0, CheckIn, "How did that feel?"),
        ]
    );
}

#[test]
fn a_pause_is_said_holds_every_cue_and_resuming_moves_them_on() {
    let mut l = Listen::new(
        vec![planned("tandem-stance", time(30, 1, 0, false))],
        Options::default(),
    );
    l.input(12.5, |e, now| e.pause(now));
    l.until(100.0);
    assert_eq!(l.c.next_due(Some(&l.e), l.now), None, "silent while paused");
    l.input(100.0, |e, now| e.resume(now));
    l.until(130.0);
    let after: Vec<(f64, CueKind, &str)> = l.words().into_iter().filter(|h| h.0 >= 10.0).collect();
    // 87.5 s paused: the last three seconds come 87.5 s later than planned.
    assert_eq!(
        after,
        seq(vec![
            vec![
                (10.0, Start, "Go: 30 seconds."),
                (12.5, Paused, "Paused."),
                (100.0, Resumed, "Going on."),
            ],
            counts(37.0 + 87.5),
            vec![(127.5, CheckIn, "How did that feel?")],
        ])
    );
}

#[test]
fn skip_says_the_next_exercise_and_nothing_more_of_the_skipped_one() {
    let mut l = Listen::new(
        vec![
            planned("tandem-stance", time(30, 1, 0, false)),
            planned("chin-tuck", holds(2, 3)),
        ],
        Options::default(),
    );
    l.input(12.0, |e, now| e.skip(now));
    l.until(22.5);
    assert_eq!(
        l.words().into_iter().skip(4).collect::<Vec<_>>(),
        seq(vec![
            vec![
                (10.0, Start, "Go: 30 seconds."),
                (
                    12.0,
                    Exercise,
                    "Chin tuck. 2 holds of 3 seconds. Get ready."
                ),
            ],
            counts(19.0),
            vec![(22.0, Start, "Go: 2 holds of 3 seconds. Hold.")],
        ])
    );
}

#[test]
fn back_says_the_exercise_again_or_the_one_before() {
    let mut l = Listen::new(
        vec![
            planned("tandem-stance", time(30, 1, 0, false)),
            planned("chin-tuck", holds(2, 3)),
        ],
        Options::default(),
    );
    l.input(12.0, |e, now| e.skip(now));
    // Six seconds into the second exercise: back to its start.
    l.input(18.0, |e, now| e.back(now));
    // Within a moment of its start: back to the one before.
    l.input(19.0, |e, now| e.back(now));
    l.until(20.0);
    let intro2 = "Chin tuck. 2 holds of 3 seconds. Get ready.";
    assert_eq!(
        l.words().into_iter().skip(5).collect::<Vec<_>>(),
        vec![
            (12.0, Exercise, intro2),
            (18.0, Exercise, intro2),
            (19.0, Exercise, "Tandem stance. 30 seconds. Get ready."),
        ]
    );
}

#[test]
fn a_longer_rest_moves_its_count_with_it() {
    let mut l = Listen::new(
        vec![planned("single-leg-stand", time(5, 2, 10, false))],
        Options::default(),
    );
    // Rest from 15 to 25; at 20, fifteen seconds more: it ends at 40.
    l.input(20.0, |e, now| e.adjust(now, 15));
    l.until(40.0);
    let rest: Vec<(f64, CueKind, &str)> = l.words().into_iter().filter(|h| h.0 >= 15.0).collect();
    assert_eq!(
        rest,
        seq(vec![
            vec![(15.0, Rest, "Rest, 10 seconds. Next: set 2 of 2.")],
            counts(37.0),
            vec![(40.0, Start, "Set 2 of 2. Go: 5 seconds.")],
        ])
    );
}

#[test]
fn a_class_check_in_slide_is_said_then_the_next_exercise() {
    let plan = Plan::from_exercises(
        "P",
        "A",
        0,
        vec![
            planned("tandem-stance", time(5, 1, 0, false)),
            planned("chin-tuck", holds(1, 3)),
        ],
    )
    .for_class();
    let mut l = Listen::plan(plan, Options::default());
    l.until(24.0);
    let from: Vec<(f64, CueKind, &str)> = l.words().into_iter().filter(|h| h.0 >= 15.0).collect();
    assert_eq!(
        from,
        seq(vec![vec![
            (15.0, CheckIn, "How did that feel?"),
            (23.0, Exercise, "Chin tuck. 1 hold of 3 seconds. Get ready."),
        ],])
    );
}

#[test]
fn the_end_is_said_once_whatever_ended_it() {
    let items = || vec![planned("tandem-stance", time(30, 1, 0, false))];
    let mut l = Listen::new(items(), Options::default());
    l.input(12.0, |e, _| e.red_flag(vec!["chest pain".into()]));
    l.until(20.0);
    assert_eq!(
        l.words().last().unwrap(),
        &(
            12.0,
            End,
            "Session stopped. Please read the advice on the screen."
        )
    );
    assert_eq!(l.c.due(Some(&l.e), l.at(30.0)), vec![], "said once");
    assert_eq!(
        l.c.due(None, l.at(31.0)),
        vec![],
        "and not again when it leaves"
    );

    // A session that leaves the screen while running (the coach shows the red-flag advice
    // in its place) is said to have stopped.
    let mut l = Listen::new(items(), Options::default());
    l.until(11.0);
    let gone = l.c.due(None, l.at(11.5));
    assert_eq!(gone.len(), 1);
    assert_eq!((gone[0].kind, gone[0].at), (End, l.at(11.5)));
    assert_eq!(l.c.next_due(None, l.at(12.0)), None);

    let mut l = Listen::new(items(), Options::default());
    l.input(12.0, |e, _| e.end(Outcome::Quit));
    assert_eq!(l.words().last().unwrap(), &(12.0, End, "Session ended."));
}

#[test]
fn a_late_wake_says_where_the_session_is_now_not_everything_it_slept_through() {
    let t0 = Instant::now();
    let mut e = Engine::new(
        Plan::from_exercises("P", "A", 0, vec![planned("chin-tuck", holds(3, 3))]),
        t0,
    );
    let mut c = Cues::default();
    let late = t0 + Duration::from_secs(9);
    e.tick(late);
    let cues = c.due(Some(&e), late);
    let words: Vec<&str> = cues.iter().map(|c| c.words.as_str()).collect();
    // The intro and "3" are over a second late; "2" (a second) and "1" are not.
    assert_eq!(words, vec!["2", "1"]);
    assert_eq!(cues[1].at, t0 + Duration::from_secs(9));

    // Asleep through a whole phase: only the newest cue, however late.
    let later = t0 + Duration::from_secs(14) + Duration::from_millis(500);
    e.tick(later);
    let cues = c.due(Some(&e), later);
    assert_eq!(cues.len(), 1);
    assert_eq!(cues[0].words, "Relax.");
    assert_eq!(cues[0].at, t0 + Duration::from_secs(13));
}

#[test]
fn new_options_apply_from_the_next_phase() {
    let mut l = Listen::new(
        vec![planned("sit-to-stand", reps(1, 2, 0, Some(4)))],
        Options::default(),
    );
    l.until(5.0);
    l.c.set_options(Options { reps: true });
    assert!(l.c.options().reps);
    l.until(16.0);
    assert!(l.words().iter().any(|h| h.1 == Rep), "{:?}", l.words());
}

#[test]
fn doses_are_spoken_in_words() {
    assert_eq!(spoken_secs(1), "1 second");
    assert_eq!(spoken_secs(45), "45 seconds");
    assert_eq!(spoken_secs(60), "1 minute");
    assert_eq!(spoken_secs(90), "1 minute 30 seconds");
    assert_eq!(spoken_secs(121), "2 minutes 1 second");
    let per_side = Dose::Reps {
        sets: 2,
        reps: 8,
        rest: 60,
        tempo: Some(3),
        per_side: true,
    };
    assert_eq!(
        spoken_dose(per_side),
        "2 sets of 8 reps each side, 3 seconds a rep"
    );
    assert_eq!(spoken_dose(reps(1, 1, 0, None)), "1 rep");
    assert_eq!(
        spoken_dose(time(90, 3, 30, false)),
        "3 sets of 1 minute 30 seconds"
    );
    assert_eq!(spoken_dose(holds(5, 10)), "5 holds of 10 seconds");
}
