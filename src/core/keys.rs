//! Storage keys by the path Trellis is served under, so that two deployments on one origin (two
//! project pages of one github.io account) never share plans.
//!
//! Builds before this one kept everything under `trellis.…` whatever their path. Those keys
//! stay where they are, and are now owned by one deployment: the one that first writes after
//! this change claims them (`trellis.owner` holds its path), or any deployment while nobody
//! has; the owner goes on using them as its own, so existing users' plans are found as they
//! were and nothing is copied or moved (nothing to lose half-way). Every other deployment on
//! the origin keeps its keys under `trellis@<path>.…`. The rest of Trellis names keys
//! `trellis.…` (logical keys) and never sees the difference: `storage` maps them.

/// Who owns the unprefixed keys: the path of the deployment that claimed them.
pub const OWNER_KEY: &str = "trellis.owner";

const UNPREFIXED: &str = "trellis.";

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
            Some(owner) if normalized(owner) != base => Some(format!("trellis@{base}.")),
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
