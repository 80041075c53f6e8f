//! Times reading and counting a member-activity file of about a million rows (issue 33).
//! Run by hand, in release mode; no test asserts a time (the project's rule):
//!
//! ```sh
//! cargo run --release --example activity_large            # 1,000,000 rows
//! cargo run --release --example activity_large -- 250000  # another size
//! ```
//!
//! The file is generated (the same every run): 20,000 members over a year, ISO date-times in
//! UTC, five activity types, four channels. Next to it, the floor: a bare loop that splits
//! the same text into lines and fields and does nothing else.

use std::time::Instant;

use chrono::NaiveDate;
use trellis::core::curve::activity::count::{count, default_dates};
use trellis::core::curve::activity::read::{
    guess_mapping, read_activities, read_head, ReadOptions,
};
use trellis::core::curve::activity::rules::template_rules;
use trellis::core::curve::templates::build_template;
use trellis::core::curve::TemplateKind;
use trellis::core::plan::Plan;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let text = generate(rows);
    println!(
        "{} rows, {:.1} MB",
        rows,
        text.len() as f64 / (1024.0 * 1024.0)
    );

    let t = Instant::now();
    let fields: usize = text
        .lines()
        .map(|l| l.split(',').filter(|f| !f.is_empty()).count())
        .sum();
    let floor = t.elapsed();
    println!("floor (split into lines and fields): {floor:?} ({fields} fields)");

    let t = Instant::now();
    let Ok(head) = read_head(&text) else {
        eprintln!("the generated file has no head");
        std::process::exit(1);
    };
    let mapping = guess_mapping(&head.header);
    let activities = match read_activities(&text, &head, &mapping, ReadOptions::default()) {
        Ok(a) => a,
        Err(problems) => {
            eprintln!("{}", problems[0]);
            std::process::exit(1);
        }
    };
    let read = t.elapsed();
    println!(
        "read: {read:?} ({} activities, {} members, {} skipped)",
        activities.rows.len(),
        activities.members,
        activities.skipped_total()
    );

    let mut plan = Plan::default();
    let curve = build_template(&mut plan, TemplateKind::Orbit);
    let rules = template_rules(&curve);
    let (Some(first), Some(last)) = (activities.first_date, activities.last_date) else {
        eprintln!("no dates read");
        std::process::exit(1);
    };
    let dates = default_dates(first, last);
    let t = Instant::now();
    let counted = match count(&curve, &rules, &activities, &dates, None, "generated.csv") {
        Ok(c) => c,
        Err(why) => {
            eprintln!("{why}");
            std::process::exit(1);
        }
    };
    let counting = t.elapsed();
    println!("count: {counting:?} ({} dates)", counted.dates.len());
    let last = counted.dates.last().map(|d| d.active).unwrap_or(0);
    println!("members in a stage on the last date: {last}");
    println!(
        "read + count: {:?}, {:.1} × the floor",
        read + counting,
        (read + counting).as_secs_f64() / floor.as_secs_f64()
    );
}

/// `member,timestamp,type,channel` rows from a fixed pseudo-random sequence.
fn generate(rows: usize) -> String {
    const TYPES: [&str; 5] = ["message", "reaction", "post", "review", "commit"];
    const CHANNELS: [&str; 4] = ["general", "help", "code", "events"];
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut text = String::with_capacity(rows * 48);
    text.push_str("member,timestamp,type,channel\n");
    for _ in 0..rows {
        let r = next();
        // Few members do most of the activity, as in real communities.
        let member = (r % 20_000) * ((r >> 20) % 20_000) / 20_000;
        let day = start + chrono::Duration::days(((r >> 40) % 365) as i64);
        let second = (r >> 8) % 86_400;
        text.push_str(&format!(
            "member-{member:05},{day}T{:02}:{:02}:{:02}Z,{},{}\n",
            second / 3600,
            second / 60 % 60,
            second % 60,
            TYPES[((r >> 33) % 5) as usize],
            CHANNELS[((r >> 36) % 4) as usize],
        ));
    }
    text
}
