//! The path the app is served under, for the router, the shell's links and share links. Its
//! own module so the shell (`ui`) and `transfer` use it without depending on `app`, which
//! depends on them.

/// The path the app is served under ("" at a host's root, "/trellis" for a project page),
/// read from the `<base>` element trunk writes for `--public-url`.
pub fn router_base() -> String {
    let base = leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    let path = web_sys::Url::new(&base)
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// `path`, an address inside the app ("/goals?goal=g1"), under the base the app is served from,
/// for `<A href>`: Leptos' `A` leaves a path that starts with "/" as it is (`use_navigate`, on
/// the other hand, adds the base itself, so it takes the bare path).
pub fn app_href(path: &str) -> String {
    format!("{}{path}", router_base())
}
