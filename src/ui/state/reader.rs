//! Start-up, and the plan reader: the code that reads plans is a chunk of the wasm
//! (`ui::on_demand`), so start-up and every operation that reads a plan may wait for it.

use leptos::prelude::*;

use super::{AppState, Banner};
use crate::core::schema::PlanReader;
use crate::ui::clock;
use crate::ui::on_demand::{self, NotDownloaded};

impl AppState {
    /// Reads the plan list and opens the last opened plan (or the first readable one).
    pub fn load(&self) {
        match self.reader.get_untracked() {
            Some(reader) => self.run_now(|s, slot| s.start(slot, reader, clock::now_ms())),
            None => self.run_now(|s, _| s.start_without_reader()),
        };
        self.loading.set(false);
    }

    /// The plan reader, downloading its chunk of the wasm if it has not arrived yet.
    pub async fn plan_reader(&self) -> Result<PlanReader, NotDownloaded> {
        let reader = on_demand::plan_reader().await?;
        if self.reader.get_untracked().is_none() {
            self.reader.set(Some(reader));
            self.run_now(|s, slot| s.reader_arrived(slot, reader, clock::now_ms()));
        }
        Ok(reader)
    }

    /// Whether plans are stored that start-up could not read yet (no new plan is offered).
    pub fn reader_missing(&self) -> bool {
        self.banners
            .with(|banners| banners.contains(&Banner::ReaderNotDownloaded))
    }

    /// [`AppState::plan_reader`], with what to tell the user when it cannot be downloaded.
    pub async fn plan_reader_or_why(&self) -> Result<PlanReader, String> {
        self.plan_reader()
            .await
            .map_err(|NotDownloaded| on_demand::READER_NOT_DOWNLOADED.to_string())
    }

    /// Runs `then` with the plan reader: at once when it has arrived, otherwise once it has.
    pub fn with_reader(&self, then: impl FnOnce(PlanReader) + 'static) {
        if let Some(reader) = self.reader.get_untracked() {
            then(reader);
            return;
        }
        let state = *self;
        leptos::task::spawn_local(async move {
            match state.plan_reader().await {
                Ok(reader) => then(reader),
                Err(NotDownloaded) => state.notify(on_demand::READER_NOT_DOWNLOADED.into(), None),
            }
        });
    }

    /// Downloads the plan reader once the browser is idle after the first render.
    pub fn fetch_reader_when_idle(&self) {
        if self.reader.get_untracked().is_some() {
            return;
        }
        let state = *self;
        request_idle_callback(move || {
            leptos::task::spawn_local(async move {
                let _ = state.plan_reader().await;
            })
        });
    }
}
