//! Code that no page needs for its first render, in chunks of the wasm that arrive when first
//! used (issue 16), like the tools' pages in `tool_routes`: the plan reader (a quarter of the
//! wasm: it comes at idle on a first visit, and before the mount when plans are stored), the
//! sample plan (its text is most of its size), and the plan page's import and backup panels
//! with the backup they write. The
//! service worker's precache fetches these chunks at idle after a first visit, so they are
//! usually there before anyone asks for them.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::core::plan::Plan;
use crate::core::schema::PlanReader;
use crate::ui::state::AppState;

/// A chunk of the wasm could not be downloaded (offline before the first full visit).
pub struct NotDownloaded;

impl From<SplitLoaderError> for NotDownloaded {
    fn from(_: SplitLoaderError) -> Self {
        NotDownloaded
    }
}

/// An async function whose body is in the chunk `$split` (also the tools' pages, `tool_routes`).
/// The browser tests (`tests/web.rs`) run wasm-bindgen without the splitter, so without the
/// `split` feature it is a plain one.
macro_rules! on_demand {
    ($(#[$doc:meta])* $split:ident, fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$out, $crate::ui::on_demand::NotDownloaded> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, $crate::ui::on_demand::NotDownloaded> {
            Ok($body)
        }
    };
}
pub(crate) use on_demand;

on_demand!(
    /// The code that reads plans from text (see [`PlanReader`]). The app gets it through
    /// [`AppState::plan_reader`](crate::ui::state::AppState::plan_reader), or at start-up in
    /// `crate::start` when plans are stored.
    reader, fn linked_plan_reader() -> PlanReader {
        PlanReader::linked()
    }
);

thread_local! {
    /// The plan reader once its chunk has arrived.
    static PLAN_READER: std::cell::Cell<Option<PlanReader>> = const { std::cell::Cell::new(None) };
}

/// The plan reader if its chunk has arrived.
pub fn loaded_plan_reader() -> Option<PlanReader> {
    PLAN_READER.get()
}

/// The plan reader, downloading its chunk the first time.
pub async fn plan_reader() -> Result<PlanReader, NotDownloaded> {
    if let Some(reader) = loaded_plan_reader() {
        return Ok(reader);
    }
    let reader = linked_plan_reader().await?;
    PLAN_READER.set(Some(reader));
    Ok(reader)
}

/// What the user is told when the plan reader's chunk could not be downloaded.
pub const READER_NOT_DOWNLOADED: &str = "Trellis could not download the part of itself that reads plans, so the plan could not be read. Check the connection and try again.";

on_demand!(
    /// The sample plan, dated from `today`.
    sample, fn sample_plan(id: String, today: NaiveDate) -> Plan {
        crate::core::sample::sample_plan(id, today)
    }
);

on_demand!(
    /// The plan page's import and backup panels.
    files, fn file_panels() -> AnyView {
        use crate::ui::plans::{backup::BackupPanel, import::ImportPanel};
        view! { <ImportPanel /> <BackupPanel /> }.into_any()
    }
);

on_demand!(
    /// Downloads a backup of every plan and says how it went in a notice.
    files, fn back_up_now(state: AppState) -> () {
        crate::ui::plans::backup::back_up_now(state)
    }
);

/// [`back_up_now`] from a button outside the plan page (the backup reminder).
pub fn start_backup(state: AppState) {
    leptos::task::spawn_local(async move {
        if back_up_now(state).await.is_err() {
            state.notify(
                "The backup could not start: this part of Trellis could not be downloaded. Check the connection and try again.".into(),
                None,
            );
        }
    });
}

on_demand!(
    /// The step that asks what leaves with a link, a file or copied JSON.
    share_step, fn share_step(
        plan: Plan,
        route: crate::ui::plans::share_step::Route,
        done: Callback<()>
    ) -> AnyView {
        use crate::ui::plans::share_step::ShareStep;
        view! { <ShareStep plan route done /> }.into_any()
    }
);

on_demand!(
    /// The merge of a returned copy (`core::merge::Merger`), when a user first chooses Merge.
    merge, fn merger() -> crate::core::merge::Merger {
        crate::core::merge::Merger::linked()
    }
);

on_demand!(
    /// A shared plan, read-only, as its link opens it.
    shared_view, fn shared_view(
        plan: Plan,
        add: Callback<()>,
        close: Callback<()>
    ) -> AnyView {
        crate::ui::plans::share::shared_view(plan, add, close)
    }
);
