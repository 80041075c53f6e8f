// The static shell of each page: what a visitor sees before the wasm has arrived. It carries the
// app's own classes (style/main.css), so the app replaces it without a visible jump, and holds
// nothing the app would not show: the header, the navigation, the route's heading and a
// placeholder where the tool will appear. The header is a `div role="banner"`, not a `<header>`,
// so that `header.app-header` means the mounted app (the end-to-end tests wait for it).
// Used by scripts/post-build.mjs; the app removes `#app-shell` when it mounts (src/lib.rs).

/** The app's routes, as in src/app.rs: `path` under the base, the page file, the h1. */
export const ROUTES = [
  { path: "", file: "index.html", heading: "Plans", nav: "Plans" },
  { path: "goals", file: "goals/index.html", heading: "Goals", nav: "Goals", title: "Goals — Trellis" },
  { path: "curve", file: "curve/index.html", heading: "Commitment curve", nav: "Commitment curve", title: "Commitment curve — Trellis" },
  { path: "career", file: "career/index.html", heading: "Career", nav: "Career", title: "Career — Trellis" },
];

/** Any other address: the host answers with 404.html (the app, when it boots, says the same). */
export const NOT_FOUND = {
  path: null,
  file: "404.html",
  heading: "Page not found",
  title: "Page not found — Trellis",
  message: "There is no page at this address. Choose a tool above.",
};

/**
 * What the plan page shows a visitor with no plan stored (src/ui/plans/mod.rs, `Welcome`, the
 * same words: an e2e test compares them), painted before the wasm when boot.js finds no plan in
 * storage (`html[data-no-plan]`, style/main.css), as on every first visit. Its buttons work
 * once the app has mounted.
 */
const WELCOME =
  '<div class="empty-state shell-welcome">' +
  "<h2>Welcome to Trellis</h2>" +
  '<p class="lede">Trellis plans a community program in one place: SMART goals your team can track, ' +
  "the commitment curve your members climb, and the career case for the people who run it. " +
  "Everything stays in this browser; share a plan by exporting it as a file.</p>" +
  '<div class="actions"><button class="primary" disabled>Start with the sample plan</button>' +
  "<button disabled>Start a blank plan</button></div>" +
  '<p class="welcome-files"><button class="link-button" disabled>Open a plan file or a backup</button></p></div>';

const FOOTER =
  "Your plans stay in this browser: nothing is sent to a server. " +
  "Browsers can clear stored data, so export plans you care about.";

/** The shell's HTML. Links are relative to the page's `<base>`, so any base path works. */
export function renderShell(route) {
  const links = ROUTES.map((r) => {
    const current = r.path === route.path ? ' aria-current="page"' : "";
    return `<a href="${r.path ? `${r.path}/` : "./"}"${current}>${r.nav}</a>`;
  }).join("");
  const body = route.message
    ? `<p>${route.message}</p>`
    : (route.path === "" ? WELCOME : "") +
      '<p class="shell-status" role="status">Opening Trellis…</p>' +
      '<div class="shell-placeholder" aria-hidden="true"></div>';
  return `<div id="app-shell">
  <a class="skip-link" href="#main">Skip to content</a>
  <div class="app-header" role="banner">
    <a class="brand" href="./"><img src="icons/icon.svg" alt="" width="28" height="28"><span>Trellis</span></a>
    <nav class="app-nav" aria-label="Tools">${links}</nav>
    <div class="header-tools shell-reserve" aria-hidden="true"><button class="small" disabled tabindex="-1">Theme: system</button><button class="small" disabled tabindex="-1">?</button></div>
  </div>
  <main id="main" tabindex="-1">
    <div class="banners"></div>
    <section class="tool" aria-labelledby="shell-title">
      <h1 id="shell-title">${route.heading}</h1>
      ${body}
    </section>
  </main>
  <footer class="app-footer"><p>${FOOTER}</p></footer>
</div>`;
}
