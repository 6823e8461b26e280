//! The calendar, on jiff: the journal's stamps (RFC 3339, UTC: the file format), and every day,
//! week and "yesterday at 18:30" a person sees or that is counted, in their own time zone. An
//! evening session west of Greenwich belongs to that evening, not to the next day. Nothing here
//! reads the clock: the time and the zone come in as arguments.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A day of the person's calendar, as days since 1970-01-01 (so days subtract and chart as
/// numbers).
pub type Day = i64;

const EPOCH: Date = Date::constant(1970, 1, 1);

/// A moment as the journal stamps it: RFC 3339 in UTC, whole seconds ("2026-11-20T09:30:00Z").
pub fn stamp(unix_secs: u64) -> String {
    match Timestamp::from_second(unix_secs.min(i64::MAX as u64) as i64) {
        Ok(t) => t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => "9999-12-31T23:59:59Z".to_owned(),
    }
}

/// A journal stamp (RFC 3339, any offset, fractional seconds allowed) as seconds since 1970;
/// `None` when it is not such a time or is before 1970.
pub fn parse_stamp(text: &str) -> Option<u64> {
    let t: Timestamp = text.trim().parse().ok()?;
    u64::try_from(t.as_second()).ok()
}

/// The calendar of one time zone.
#[derive(Debug, Clone)]
pub struct Calendar {
    zone: TimeZone,
}

impl Calendar {
    pub fn new(zone: TimeZone) -> Calendar {
        Calendar { zone }
    }

    /// The calendar of Greenwich, for tests and for data that has no zone.
    pub fn utc() -> Calendar {
        Calendar::new(TimeZone::UTC)
    }

    fn date_time(&self, unix_secs: u64) -> Option<jiff::civil::DateTime> {
        let t = Timestamp::from_second(i64::try_from(unix_secs).ok()?).ok()?;
        Some(self.zone.to_datetime(t))
    }

    /// The day (here) of a moment given in seconds since 1970.
    pub fn day(&self, unix_secs: u64) -> Day {
        self.date_time(unix_secs)
            .map_or(0, |dt| day_of_date(dt.date()))
    }

    /// The day (here) of a journal stamp.
    pub fn day_of_stamp(&self, stamp: &str) -> Option<Day> {
        parse_stamp(stamp).map(|t| self.day(t))
    }

    /// The time of day (here) of a moment: "18:30".
    pub fn clock_time(&self, unix_secs: u64) -> String {
        self.date_time(unix_secs)
            .map_or_else(String::new, |dt| dt.strftime("%H:%M").to_string())
    }

    /// The time of day (here) with seconds: "18:30:05".
    pub fn clock_time_secs(&self, unix_secs: u64) -> String {
        self.date_time(unix_secs)
            .map_or_else(String::new, |dt| dt.strftime("%H:%M:%S").to_string())
    }

    /// The offset from UTC (here) at a moment, as RFC 3339 writes it: "+01:00", "-05:00".
    pub fn offset_text(&self, unix_secs: u64) -> String {
        let Ok(t) = Timestamp::from_second(i64::try_from(unix_secs).unwrap_or(i64::MAX)) else {
            return "+00:00".into();
        };
        let secs = self.zone.to_offset(t).seconds();
        let sign = if secs < 0 { '-' } else { '+' };
        let secs = secs.unsigned_abs();
        format!("{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60)
    }

    /// A moment as RFC 3339 in the person's time zone, with its offset:
    /// "2026-11-20T17:00:00+01:00".
    pub fn local_stamp(&self, unix_secs: u64) -> String {
        self.date_time(unix_secs).map_or_else(String::new, |dt| {
            format!(
                "{}{}",
                dt.strftime("%Y-%m-%dT%H:%M:%S"),
                self.offset_text(unix_secs)
            )
        })
    }

    /// When a past moment was, in words, from `now`: "today at 18:30", "yesterday at 18:30",
    /// "on 12 Nov at 09:00".
    pub fn when(&self, then: u64, now: u64) -> String {
        let (d_then, d_now) = (self.day(then), self.day(now));
        let time = self.clock_time(then);
        match d_now - d_then {
            ..=0 => format!("today at {time}"),
            1 => format!("yesterday at {time}"),
            _ => format!("on {} at {time}", day_label(d_then)),
        }
    }
}

fn day_of_date(date: Date) -> Day {
    date.since(EPOCH)
        .map_or(0, |span| i64::from(span.get_days()))
}

fn date_of(day: Day) -> Date {
    EPOCH
        .checked_add(day.days())
        .unwrap_or(if day < 0 { Date::MIN } else { Date::MAX })
}

/// A day as "12 Nov".
pub fn day_label(day: Day) -> String {
    date_of(day).strftime("%-d %b").to_string()
}

/// A day as "2026-11-12".
pub fn date_text(day: Day) -> String {
    date_of(day).strftime("%Y-%m-%d").to_string()
}

/// The day of the month, 1 to 31.
pub fn day_of_month(day: Day) -> u32 {
    date_of(day).day() as u32
}

/// A date "2026-11-20" as a day; `None` when it is not one.
pub fn parse_date(text: &str) -> Option<Day> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    text.parse::<Date>().ok().map(day_of_date)
}

/// The Monday of the week holding `day`.
pub fn week_of(day: Day) -> Day {
    day - i64::from(date_of(day).weekday().to_monday_zero_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-11-20 16:00 UTC, a Thursday.
    const THURSDAY_4PM: u64 = 1_763_654_400;

    fn zone(name: &str) -> Calendar {
        Calendar::new(TimeZone::get(name).unwrap())
    }

    #[test]
    fn stamps_are_rfc3339_utc_and_read_back() {
        assert_eq!(stamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(stamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(stamp(1_795_190_400), "2026-11-20T16:00:00Z");
        for t in [0, 951_782_400, 1_795_190_400, 1_795_190_459] {
            assert_eq!(parse_stamp(&stamp(t)), Some(t));
        }
        assert_eq!(parse_stamp("2026-11-20T16:00:00.250Z"), Some(1_795_190_400));
        assert_eq!(
            parse_stamp("2026-11-20T17:00:00+01:00"),
            Some(1_795_190_400)
        );
        assert_eq!(parse_stamp("x"), None);
        assert_eq!(parse_stamp("2026-13-20T16:00:00Z"), None);
        assert_eq!(parse_stamp("1969-12-31T23:59:59Z"), None);
    }

    #[test]
    fn dates_and_weeks() {
        assert_eq!(parse_date("2026-11-20"), Some(1_795_190_400 / 86_400));
        assert_eq!(parse_date("2026-11-2"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(date_text(20_412), "2025-11-20");
        assert_eq!(day_label(20_412), "20 Nov");
        assert_eq!(day_of_month(20_412), 20);
        // 2025-11-20 was a Thursday; its week starts on Monday 17 Nov.
        assert_eq!(date_text(week_of(20_412)), "2025-11-17");
        assert_eq!(week_of(week_of(20_412)), week_of(20_412));
        assert_eq!(
            week_of(20_412 + 3),
            week_of(20_412),
            "Sunday is the week's last day"
        );
        assert_eq!(week_of(20_412 + 4), week_of(20_412) + 7);
    }

    #[test]
    fn an_evening_west_of_greenwich_is_that_evening_not_the_next_day() {
        // 20 Nov 2025, 19:30 in New York is 00:30 on the 21st in UTC.
        let evening = THURSDAY_4PM + 8 * 3600 + 30 * 60;
        let new_york = zone("America/New_York");
        assert_eq!(Calendar::utc().day(evening), 20_413);
        assert_eq!(new_york.day(evening), 20_412);
        assert_eq!(new_york.clock_time(evening), "19:30");
        // Sunday evening in New York is still in the week that began on Monday.
        let sunday = evening + 3 * 86_400;
        assert_eq!(week_of(new_york.day(sunday)), week_of(20_412));
        assert_eq!(week_of(Calendar::utc().day(sunday)), week_of(20_412) + 7);
        // And east of Greenwich, early morning is that morning.
        let tokyo = zone("Asia/Tokyo");
        assert_eq!(tokyo.day(THURSDAY_4PM + 9 * 3600), 20_413);
        assert_eq!(
            tokyo.day_of_stamp("2025-11-20T16:00:00Z"),
            Some(20_413),
            "01:00 on the 21st in Tokyo"
        );
    }

    #[test]
    fn when_says_today_yesterday_or_the_date_in_local_time() {
        let new_york = zone("America/New_York");
        let evening = THURSDAY_4PM + 8 * 3600 + 30 * 60; // 19:30 on the 20th, New York
        let next_morning = evening + 12 * 3600; // 07:30 on the 21st
        assert_eq!(new_york.when(evening, next_morning), "yesterday at 19:30");
        assert_eq!(new_york.when(evening, evening + 3600), "today at 19:30");
        assert_eq!(
            new_york.when(evening, evening + 3 * 86_400),
            "on 20 Nov at 19:30"
        );
        // In UTC the same two moments are on the same day.
        assert_eq!(
            Calendar::utc().when(evening, next_morning),
            "today at 00:30"
        );
        // A moment after now (a clock put back) is today, never "in -1 days".
        assert_eq!(
            Calendar::utc().when(evening + 60, evening),
            "today at 00:31"
        );
    }

    #[test]
    fn the_offset_is_the_zones_at_that_moment() {
        let london = zone("Europe/London");
        assert_eq!(london.offset_text(THURSDAY_4PM), "+00:00", "November: GMT");
        assert_eq!(
            london.offset_text(THURSDAY_4PM - 120 * 86_400),
            "+01:00",
            "July: BST"
        );
        assert_eq!(zone("America/New_York").offset_text(THURSDAY_4PM), "-05:00");
        assert_eq!(zone("Asia/Kolkata").offset_text(THURSDAY_4PM), "+05:30");
        assert_eq!(Calendar::utc().offset_text(0), "+00:00");
        assert_eq!(
            zone("America/New_York").local_stamp(THURSDAY_4PM),
            "2025-11-20T11:00:00-05:00"
        );
        assert_eq!(Calendar::utc().local_stamp(0), "1970-01-01T00:00:00+00:00");
    }

    #[test]
    fn a_day_across_a_change_of_clocks_is_one_day() {
        // Europe/London went back an hour on 26 Oct 2025: that Sunday had 25 hours.
        let london = zone("Europe/London");
        let before = 1_761_433_200; // 2025-10-25 23:00 UTC = 00:00 BST on the 26th
        let after = before + 24 * 3600 + 30 * 60; // 24.5 hours later: 23:30 GMT, still the 26th
        assert_eq!(london.day(before), london.day(after));
        assert_eq!(london.clock_time(after), "23:30");
    }
}
