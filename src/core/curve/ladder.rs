//! The curve as a `CONTRIBUTOR_LADDER.md`, in the style foundations publish (CNCF,
//! Kubernetes): each rung says who it is for, what they do and how to move up.

use super::Curve;
use crate::core::markdown::md_escape;

/// Markdown for the ladder. `project` names the project in the heading ("" to omit).
pub fn contributor_ladder_md(curve: &Curve, project: &str) -> String {
    let mut md = String::new();
    let project = one_line(project);
    if project.is_empty() {
        md.push_str("# Contributor Ladder\n\n");
    } else {
        md.push_str(&format!("# {project} Contributor Ladder\n\n"));
    }
    md.push_str(
        "This ladder describes the roles in our community, what each role does and how to \
         move to the next one. Everyone starts on the first rung; we are happy to help you \
         climb.\n\n",
    );
    if curve.stages.is_empty() {
        md.push_str("_No rungs yet._\n");
        return md;
    }
    for s in &curve.stages {
        let name = one_line(&s.name);
        md.push_str(&format!("* [{name}](#{})\n", anchor(&name)));
    }
    for (i, s) in curve.stages.iter().enumerate() {
        md.push_str(&format!("\n## {}\n\n", one_line(&s.name)));
        if !s.description.trim().is_empty() {
            md.push_str(&format!("**Who:** {}\n\n", one_line(&s.description)));
        }
        md.push_str("**Responsibilities:**\n\n");
        if s.asks.is_empty() {
            md.push_str("* _To be defined._\n");
        }
        for a in &s.asks {
            md.push_str(&format!("* {}\n", one_line(&a.text)));
        }
        let Some(next) = curve.stages.get(i + 1) else {
            md.push_str("\nThis is the top of the ladder.\n");
            continue;
        };
        md.push_str(&format!(
            "\n**How to move up to {}:**\n\n",
            one_line(&next.name)
        ));
        let paths: Vec<_> = curve
            .touch_points
            .iter()
            .filter(|t| t.from_stage_id == s.id && t.to_stage_id == next.id)
            .collect();
        if let Some(first) = next.asks.first() {
            md.push_str(&format!("* Start with: {}\n", one_line(&first.text)));
        }
        for t in &paths {
            let mut line = format!("* {}", one_line(&t.name));
            if !t.reward.trim().is_empty() {
                line.push_str(&format!(" — recognised with {}", one_line(&t.reward)));
            }
            if !t.follow_up.trim().is_empty() {
                line.push_str(&format!("; next: {}", one_line(&t.follow_up)));
            }
            md.push_str(&line);
            md.push('\n');
        }
        if paths.is_empty() && next.asks.is_empty() {
            md.push_str("* Ask a maintainer or community manager.\n");
        }
    }
    md
}

/// User text as it was typed: on one line (no line breaks inside items), with Markdown and
/// HTML syntax escaped so a name like `<img onerror=…>` or `[x](javascript:…)` stays text.
fn one_line(text: &str) -> String {
    md_escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// GitHub-style heading anchor.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::templates::{build_template, TemplateKind};
    use crate::core::plan::Plan;

    fn cncf() -> Curve {
        let mut plan = Plan::new("p", "P");
        build_template(&mut plan, TemplateKind::Cncf)
    }

    #[test]
    fn ladder_has_a_rung_per_stage_with_who_responsibilities_and_how_to_move_up() {
        let md = contributor_ladder_md(&cncf(), "Acme");
        assert!(md.starts_with("# Acme Contributor Ladder\n"));
        assert!(md.contains("* [Organization member](#organization-member)"));
        assert_eq!(md.matches("\n## ").count(), 5);
        assert_eq!(md.matches("**Responsibilities:**").count(), 5);
        assert_eq!(md.matches("**How to move up to").count(), 4);
        assert!(md.contains("**Who:** Members responsible for reviewing"));
        assert!(md.contains("* Review most pull requests in your area\n"));
        assert!(md.contains(
            "* OWNERS file nomination — recognised with Approve rights in an area; next: \
             Reviewing guide walkthrough\n"
        ));
        assert!(md.trim_end().ends_with("This is the top of the ladder."));
    }

    #[test]
    fn line_breaks_in_user_text_do_not_break_the_markdown() {
        let mut c = cncf();
        c.stages[0].name = "Part\nicipant".into();
        c.stages[0].asks[0].text = "Try\n## injected".into();
        let md = contributor_ladder_md(&c, "");
        assert!(md.starts_with("# Contributor Ladder\n"));
        assert!(md.contains("## Part icipant\n"));
        assert!(md.contains("* Try \\#\\# injected\n"));
    }

    #[test]
    fn markdown_and_html_in_user_text_stay_text() {
        let mut c = cncf();
        c.stages[0].name = "<img src=x onerror=alert(1)>".into();
        c.stages[0].asks[0].text = "[click](javascript:alert(1)) **now**".into();
        let md = contributor_ladder_md(&c, "<b>Acme</b>");
        assert!(md.starts_with("# \\<b\\>Acme\\</b\\> Contributor Ladder\n"));
        assert!(md.contains("## \\<img src=x onerror=alert(1)\\>\n"));
        assert!(md.contains("* \\[click\\](javascript:alert(1)) \\*\\*now\\*\\*\n"));
        let raw_tag = md.match_indices('<').any(|(i, _)| !md[..i].ends_with('\\'));
        assert!(!raw_tag, "every < is escaped");
    }

    #[test]
    fn empty_curve_and_rungs_without_asks_still_render() {
        assert!(contributor_ladder_md(&Curve::default(), "X").contains("No rungs yet"));
        let mut c = cncf();
        c.touch_points.clear();
        c.stages.iter_mut().for_each(|s| s.asks.clear());
        let md = contributor_ladder_md(&c, "X");
        assert!(md.contains("_To be defined._"));
        assert!(md.contains("Ask a maintainer"));
    }
}
