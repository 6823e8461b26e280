use super::*;
use crate::common::calendar::{Calendar, stamp};
use crate::records::history::Available;
use crate::records::journal::{Event, Record};
use crate::records::report::report;
use crate::records::report::tests::{home_foundations, three_weeks};

const MONDAY: i64 = 20_409;

fn doc(records: &[Record]) -> Document {
    let p = home_foundations();
    let available = [Available {
        runnable: &p,
        source: "home-foundations".into(),
    }];
    document(
        &report(records, MONDAY, MONDAY + 20, &available, &Calendar::utc()),
        "ann",
        MONDAY + 21,
    )
}

#[test]
fn the_markdown_report_of_three_weeks() {
    insta::assert_snapshot!(markdown(&doc(&three_weeks())));
}

#[test]
fn skipped_age_and_sex_show_no_norms_but_flags_still_apply() {
    let mut records = three_weeks();
    records.insert(
        2,
        Record {
            at: stamp((MONDAY as u64 - 29) * 86_400),
            run: 9,
            event: Event::AboutYou {
                age: None,
                sex: None,
            },
        },
    );
    let md = markdown(&doc(&records));
    assert!(md.contains("Age or sex was skipped: results are shown without norms"));
    assert!(md.contains("| no norm |"), "{md}");
    assert!(!md.contains("usual range for your age"));
}

#[test]
fn a_test_only_ever_stopped_still_gets_its_table_and_an_empty_chart() {
    let mut records = three_weeks();
    records.push(Record {
        at: stamp((MONDAY as u64 + 18) * 86_400),
        run: 9,
        event: Event::Assessment {
            measure: crate::assess::Measure::TimedUpAndGo {
                secs: 3.0,
                aid: false,
            },
            stopped: Some(crate::assess::Stopped::Pain),
        },
    });
    let d = doc(&records);
    let html = html(&d);
    assert!(html.contains("id=\"trend-timed_up_and_go\""));
    assert!(html.contains("Timed up and go results (s): none to plot."));
    assert!(html.contains("3 s (stopped: pain)"));
}
