// Runs before the app: applies the saved theme before the first paint (no flash for dark-theme
// users), and registers the service worker that lets Trellis open offline after one visit.
(function () {
  // The storage keys, named once in src/core/keys.rs: scripts/post-build.mjs writes them here.
  var KEYS = /* trellis:storage-keys */ {};
  try {
    var theme = KEYS.THEME_KEY && localStorage.getItem(KEYS.THEME_KEY);
    if (theme === "light" || theme === "dark") {
      document.documentElement.dataset.theme = theme;
    }
  } catch (e) {
    // Storage blocked: follow the system theme.
  }

  // Each page names the chunks of the wasm it needs when a plan is stored (scripts/post-build.mjs):
  // the plan reader's, and a tool page's code. They are fetched beside the main module only when
  // a plan is stored: with none (every first visit) the app starts without the reader, which it
  // fetches at idle, and a tool's page shows only the way to a plan and never loads its code
  // (src/ui/tool_routes.rs).
  var planStored = hasStoredPlan();
  // The plan page's shell then shows the welcome the app will show (scripts/shell.mjs).
  if (!planStored) document.documentElement.setAttribute("data-no-plan", "");
  var chunks = (document.currentScript && document.currentScript.getAttribute("data-plan-chunks")) || "";
  if (chunks && planStored) {
    chunks.split(" ").forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "preload";
      link.href = href;
      link.as = "fetch";
      link.type = "application/wasm";
      link.crossOrigin = "anonymous";
      document.head.appendChild(link);
    });
  }
  function hasStoredPlan() {
    try {
      for (var i = 0; i < localStorage.length; i++) {
        if (KEYS.PLAN_PREFIX && (localStorage.key(i) || "").indexOf(KEYS.PLAN_PREFIX) === 0) return true;
      }
    } catch (e) {
      // Storage blocked: no plan can be open.
    }
    return false;
  }

  if (!("serviceWorker" in navigator)) return;
  // The worker's precache (every file, for offline use) waits until the app has rendered and the
  // page is idle, so a first visit downloads only what the page it opened needs first.
  // `data-offline-ready` tells when it is done.
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data === "precached") {
      document.documentElement.dataset.offlineReady = "true";
    }
  });
  navigator.serviceWorker.startMessages();
  function askForPrecache() {
    var idle = window.requestIdleCallback || function (run) { setTimeout(run, 0); };
    idle(function () {
      navigator.serviceWorker.ready.then(function (registration) {
        if (registration.active) registration.active.postMessage("precache");
      });
    }, { timeout: 10000 });
  }
  if (document.documentElement.hasAttribute("data-mounted")) askForPrecache();
  else window.addEventListener("trellis:mounted", askForPrecache, { once: true });

  window.addEventListener("load", function () {
    // Relative to <base>, so the worker's scope is the app's folder on any host.
    navigator.serviceWorker
      .register("sw.js")
      .then(function (registration) {
        registration.addEventListener("updatefound", function () {
          var incoming = registration.installing;
          if (!incoming || !navigator.serviceWorker.controller) return; // first install
          incoming.addEventListener("statechange", function () {
            if (incoming.state === "activated") {
              document.documentElement.dataset.updateReady = "true";
              window.dispatchEvent(new Event("trellis:update-ready"));
            }
          });
        });
      })
      .catch(function () {
        // No service worker (a development build, or an unsupported host): the app works online.
      });
  });
})();
