//! Retirement date and remaining service (H2), by the roadmap of Decree 135/2020.

use crate::domain::{Cadre, Date, RetirementRoadmap, RuleSet};
use chrono::Datelike;

/// Retirement age (in months) that applies in `year`.
pub fn retirement_age_months(road: &RetirementRoadmap, year: i32) -> u32 {
    road.age_months(year)
}

/// Last day of the month in which the person reaches the retirement age of the year they reach
/// it (`RetirementRoadmap::retirement_date`, in the domain so that loading a history can tell a
/// retired cadre too).
pub fn retirement_date(road: &RetirementRoadmap, birth: Date) -> Option<Date> {
    road.retirement_date(birth)
}

pub fn last_day_of_month(d: Date) -> Option<Date> {
    crate::domain::last_day_of_month(d)
}

/// Whole months of service left on `on`: from `on` to the first day of retirement (the day after
/// the retirement date), counting complete months only. Negative when already retired.
pub fn months_left(on: Date, retirement: Date) -> i64 {
    let end = retirement.succ_opt().unwrap_or(retirement);
    whole_months_between(on, end)
}

/// Complete months from `a` to `b` (negative if `b` < `a`).
pub fn whole_months_between(a: Date, b: Date) -> i64 {
    if b < a {
        return -whole_months_between(b, a);
    }
    let mut m = (b.year() - a.year()) as i64 * 12 + b.month() as i64 - a.month() as i64;
    if b.day() < a.day() && !(is_last_day(b) && b.day() < a.day()) {
        m -= 1;
    }
    m.max(0)
}

fn is_last_day(d: Date) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

pub fn roadmap<'a>(rules: &'a RuleSet, cadre: &Cadre) -> &'a RetirementRoadmap {
    rules.roadmap(cadre.sex)
}

/// Age in whole years on `on`.
pub fn age_years(birth: Date, on: Date) -> i64 {
    whole_months_between(birth, on) / 12
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RuleSet;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn roadmap_ages_follow_decree_135() {
        let r = RuleSet::qd65_2022();
        assert_eq!(retirement_age_months(&r.retirement_men, 2021), 723);
        assert_eq!(retirement_age_months(&r.retirement_men, 2022), 726);
        assert_eq!(retirement_age_months(&r.retirement_men, 2028), 744);
        assert_eq!(retirement_age_months(&r.retirement_men, 2040), 744);
        assert_eq!(retirement_age_months(&r.retirement_women, 2021), 664);
        assert_eq!(retirement_age_months(&r.retirement_women, 2034), 716);
        assert_eq!(retirement_age_months(&r.retirement_women, 2035), 720);
    }

    #[test]
    fn man_born_1962_retires_in_2022_at_60y6m() {
        // 60y3m (2021 age) is reached 2022-08, not in 2021; 2022's age 60y6m is reached 2022-11.
        let r = RuleSet::qd65_2022();
        assert_eq!(
            retirement_date(&r.retirement_men, d("1962-05-10")),
            Some(d("2022-11-30"))
        );
    }

    #[test]
    fn after_the_roadmap_ends_the_cap_applies() {
        let r = RuleSet::qd65_2022();
        // Man born 1970-01-15: 62 y in 2032.
        assert_eq!(
            retirement_date(&r.retirement_men, d("1970-01-15")),
            Some(d("2032-01-31"))
        );
        // Woman born 1980-02-29: 60 y in 2040, February has 29 days that year.
        assert_eq!(
            retirement_date(&r.retirement_women, d("1980-02-29")),
            Some(d("2040-02-29"))
        );
    }

    #[test]
    fn women_mid_roadmap() {
        let r = RuleSet::qd65_2022();
        // Born 1970-03-01: 2027 age is 55y4m + 24m = 57y4m → 2027-07? No: reached 2027-07-01 is in 2027.
        assert_eq!(
            retirement_date(&r.retirement_women, d("1970-03-01")),
            Some(d("2027-07-31"))
        );
    }

    #[test]
    fn month_boundaries_of_remaining_service() {
        // Retiring 2036-12-31: service runs to 2037-01-01, exactly 120 months from 2027-01-01.
        assert_eq!(months_left(d("2027-01-01"), d("2036-12-31")), 120);
        // One month earlier: 119.
        assert_eq!(months_left(d("2027-01-01"), d("2036-11-30")), 119);
        // Mid-month plan date: 2027-01-15 → 2037-01-01 is 119 whole months.
        assert_eq!(months_left(d("2027-01-15"), d("2036-12-31")), 119);
        assert_eq!(months_left(d("2027-01-01"), d("2026-06-30")), -6);
    }

    #[test]
    fn whole_months_handles_month_ends() {
        assert_eq!(whole_months_between(d("2026-07-01"), d("2027-01-01")), 6);
        assert_eq!(whole_months_between(d("2026-07-02"), d("2027-01-01")), 5);
        assert_eq!(whole_months_between(d("2026-08-31"), d("2027-02-28")), 6);
        assert_eq!(age_years(d("1987-01-01"), d("2027-01-01")), 40);
        assert_eq!(age_years(d("1987-01-02"), d("2027-01-01")), 39);
    }
}
