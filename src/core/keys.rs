//! Every key Trellis keeps in the browser's storage, and the name of the Web Lock its writes
//! take: named here and nowhere else. `public/boot.js` gets the ones it reads from the build
//! (`scripts/post-build.mjs` reads this file), and `tests/keys_in_one_place.rs` fails when
//! any other source file spells a key.
//!
//! Each line is `pub const NAME: &str = "text";`, which the build's reader expects.
//!
//! These are logical keys. Where they are in localStorage depends on the path Trellis is
//! served under ([`Namespace`]), so that two deployments on one origin (two project pages of
//! one github.io account) never share plans.
//!
//! Builds before issue 30 kept everything under `trellis.…` whatever their path. Those keys
//! stay where they are, and are now owned by one deployment: the one that first writes after
//! this change claims them ([`OWNER_KEY`] holds its path), or any deployment while nobody
//! has; the owner goes on using them as its own, so existing users' plans are found as they
//! were and nothing is copied or moved (nothing to lose half-way). Every other deployment on
//! the origin keeps its keys under `trellis@<path>.…`. The rest of Trellis names keys
//! `trellis.…` (logical keys) and never sees the difference: `storage` maps them (and
//! `public/boot.js` the two it reads).

/// One key per plan: `trellis.plan.<id>`, a compact plan document.
pub const PLAN_PREFIX: &str = "trellis.plan.";
/// The plan order and the last opened plan.
pub const INDEX_KEY: &str = "trellis.workspace";
/// Raw copies of stored data that could not be read: `trellis.backup.<its key>`.
pub const BACKUP_PREFIX: &str = "trellis.backup.";
/// Deleted and replaced plans, kept for 30 days: `trellis.trash.<id>.<when, ms>`.
pub const TRASH_PREFIX: &str = "trellis.trash.";
/// Change and backup times, the browser's answer on keeping the data, the reminder.
pub const CARE_KEY: &str = "trellis.care";
/// The theme the user picked (boot.js applies it before the first paint).
pub const THEME_KEY: &str = "trellis.theme";
/// Which sections of a plan are collapsed: `trellis.collapsed.<plan id>`.
pub const COLLAPSED_PREFIX: &str = "trellis.collapsed.";
/// Which of a plan's sections outside each tool's core are shown: `trellis.focus.<plan id>`.
pub const FOCUS_PREFIX: &str = "trellis.focus.";
/// The revisions of a plan that left as copies (exported or shared), kept so that a copy
/// coming back merges three-way against the one it started from: `trellis.ancestors.<plan id>`.
pub const ANCESTORS_PREFIX: &str = "trellis.ancestors.";
/// The Web Lock every write to the keys above takes (`navigator.locks.request`). Locks are
/// the origin's: every deployment on it takes this one, which only makes them wait in turn.
pub const LOCK_NAME: &str = "trellis.storage";

/// Who owns the unprefixed keys: the path of the deployment that claimed them.
pub const OWNER_KEY: &str = "trellis.owner";

/// What every logical key starts with, and where the keys of the deployment that owns the
/// unprefixed keys are.
pub const UNPREFIXED: &str = "trellis.";
/// What takes the place of [`UNPREFIXED`] for every other deployment on the origin, followed
/// by its path and a dot: `trellis@/staging/.plan.p1`.
pub const PREFIXED: &str = "trellis@";

/// Where one deployment's keys are in localStorage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    /// `None`: the unprefixed keys (`trellis.plan.p1`); otherwise the prefix that takes the
    /// place of `trellis.` (`trellis@/trellis/.plan.p1`).
    prefix: Option<String>,
    base: String,
}

impl Namespace {
    /// The namespace of the deployment served under `base` (the path of its pages' `<base>`,
    /// "/" at a host's root), given the path stored under [`OWNER_KEY`], if any.
    pub fn new(base: &str, owner: Option<&str>) -> Namespace {
        let base = normalized(base);
        let prefix = match owner {
            Some(owner) if normalized(owner) != base => Some(format!("{PREFIXED}{base}.")),
            _ => None,
        };
        Namespace { prefix, base }
    }

    /// The path this deployment writes under [`OWNER_KEY`] to claim the unprefixed keys.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether this deployment uses the unprefixed keys (then its first write claims them,
    /// when nobody has).
    pub fn is_unprefixed(&self) -> bool {
        self.prefix.is_none()
    }

    /// Where the logical `key` (`trellis.plan.p1`) is stored.
    pub fn physical(&self, key: &str) -> String {
        match (&self.prefix, key.strip_prefix(UNPREFIXED)) {
            (Some(prefix), Some(rest)) => format!("{prefix}{rest}"),
            _ => key.to_string(),
        }
    }

    /// The logical key stored as `physical`, when it is this deployment's.
    pub fn logical(&self, physical: &str) -> Option<String> {
        match &self.prefix {
            None => (physical.starts_with(UNPREFIXED) && physical != OWNER_KEY)
                .then(|| physical.to_string()),
            Some(prefix) => physical
                .strip_prefix(prefix.as_str())
                .map(|rest| format!("{UNPREFIXED}{rest}")),
        }
    }
}

/// A path with one leading and one trailing "/": "" and "/" are "/", "/trellis" is "/trellis/".
fn normalized(base: &str) -> String {
    let inner = base.trim_matches('/');
    if inner.is_empty() {
        "/".to_string()
    } else {
        format!("/{inner}/")
    }
}

/// The key of the plan `id`.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The plan id stored under `key` (the key itself when it is not a plan's).
pub fn plan_id(key: &str) -> &str {
    key.strip_prefix(PLAN_PREFIX).unwrap_or(key)
}

/// Where the raw copy of the unreadable data under `key` is kept.
pub fn backup_key(key: &str) -> String {
    format!("{BACKUP_PREFIX}{key}")
}

/// The key of plan `plan_id`'s collapsed sections.
pub fn collapsed_key(plan_id: &str) -> String {
    format!("{COLLAPSED_PREFIX}{plan_id}")
}

/// The key of plan `plan_id`'s shown sections outside the core.
pub fn focus_key(plan_id: &str) -> String {
    format!("{FOCUS_PREFIX}{plan_id}")
}

/// The key of plan `plan_id`'s kept ancestors.
pub fn ancestors_key(plan_id: &str) -> String {
    format!("{ANCESTORS_PREFIX}{plan_id}")
}

/// The key of plan `id` put in the trash at `when_ms`.
pub fn trash_key(id: &str, when_ms: f64) -> String {
    format!("{TRASH_PREFIX}{id}.{}", when_ms.max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_or_any_deployment_before_a_claim_uses_the_keys_of_earlier_builds() {
        for (base, owner) in [
            ("/", None),
            ("/", Some("/")),
            ("/trellis/", None),
            ("/trellis", Some("/trellis/")),
        ] {
            let ns = Namespace::new(base, owner);
            assert!(ns.is_unprefixed(), "{base} {owner:?}");
            assert_eq!(ns.physical("trellis.plan.p1"), "trellis.plan.p1");
            assert_eq!(
                ns.logical("trellis.plan.p1").as_deref(),
                Some("trellis.plan.p1")
            );
        }
    }

    #[test]
    fn another_deployment_on_the_origin_keeps_its_own_keys() {
        let staging = Namespace::new("/staging", Some("/"));
        assert!(!staging.is_unprefixed());
        assert_eq!(staging.base(), "/staging/");
        assert_eq!(
            staging.physical("trellis.plan.p1"),
            "trellis@/staging/.plan.p1"
        );
        assert_eq!(
            staging.physical("trellis.workspace"),
            "trellis@/staging/.workspace"
        );
        assert_eq!(
            staging.logical("trellis@/staging/.plan.p1").as_deref(),
            Some("trellis.plan.p1")
        );
        // The owner's keys and a third deployment's are not this one's, nor theirs this one's.
        assert_eq!(staging.logical("trellis.plan.p1"), None);
        assert_eq!(staging.logical("trellis@/other/.plan.p1"), None);
        let root = Namespace::new("/", Some("/"));
        assert_eq!(root.logical("trellis@/staging/.plan.p1"), None);
        assert_eq!(
            root.logical(OWNER_KEY),
            None,
            "the claim is no data of the owner's"
        );
        // The root, when another deployment claimed the old keys first.
        let root = Namespace::new("/", Some("/trellis/"));
        assert_eq!(root.physical("trellis.theme"), "trellis@/.theme");
        // Lists by prefix map like keys.
        assert_eq!(staging.physical("trellis.plan."), "trellis@/staging/.plan.");
    }
}
