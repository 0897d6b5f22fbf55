//! The Python seed's `time.strftime("%Y-%m-%d %H:%M:%S")`, in UTC, without a date crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// The current UTC date and time, rendered as `YYYY-MM-DD HH:MM:SS`.
pub fn now() -> Utc {
    Utc(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

/// An instant in seconds since the Unix epoch that renders as a UTC `YYYY-MM-DD HH:MM:SS`
/// straight into the markup: digits and separators need no escaping, and writing them
/// one by one costs a tenth of `format!` with padded fields (the `/target` reply's
/// largest cost after the server's own).
#[derive(Clone, Copy, Debug)]
pub struct Utc(pub u64);

impl maud::Render for Utc {
    fn render_to(&self, buffer: &mut String) {
        let days = self.0 / 86_400;
        let of_day = self.0 % 86_400;
        let (year, month, day) = civil_from_days(days as i64);
        push_number(buffer, u64::try_from(year).unwrap_or(0), 4);
        buffer.push('-');
        push_number(buffer, month.into(), 2);
        buffer.push('-');
        push_number(buffer, day.into(), 2);
        buffer.push(' ');
        push_number(buffer, of_day / 3600, 2);
        buffer.push(':');
        push_number(buffer, of_day / 60 % 60, 2);
        buffer.push(':');
        push_number(buffer, of_day % 60, 2);
    }
}

/// Writes `n` in decimal, padded with zeros to `width` digits.
fn push_number(buffer: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = at.min(digits.len() - width);
    buffer.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm:
/// count in 400-year eras whose years start on 1 March, so leap days fall last).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `seconds` since the Unix epoch render as.
    fn format_utc(seconds: u64) -> String {
        maud::Render::render(&Utc(seconds)).into_string()
    }

    #[test]
    fn known_instants() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(format_utc(1_709_251_199), "2024-02-29 23:59:59");
        assert_eq!(format_utc(1_735_689_600), "2025-01-01 00:00:00");
        assert_eq!(format_utc(4_102_444_799), "2099-12-31 23:59:59");
    }

    #[test]
    fn years_past_9999_keep_every_digit() {
        // 10000-01-01 00:00:00, as `format!("{year:04}")` wrote it.
        assert_eq!(format_utc(253_402_300_800), "10000-01-01 00:00:00");
    }

    #[test]
    fn every_day_follows_the_one_before() {
        let mut previous = civil_from_days(-1);
        for days in 0..200_000 {
            let (y, m, d) = civil_from_days(days);
            let (py, pm, pd) = previous;
            let next_day = (y, m, d) == (py, pm, pd + 1);
            let next_month = (y, m, d) == (py, pm + 1, 1);
            let next_year = (y, m, d) == (py + 1, 1, 1) && (pm, pd) == (12, 31);
            assert!(next_day || next_month || next_year, "{previous:?} then {:?}", (y, m, d));
            previous = (y, m, d);
        }
    }
}
