// Runs before the app: applies the saved theme before the first paint (no flash for dark-theme
// users), and registers the service worker that lets Trellis open offline after one visit.
// The build names it by its content (scripts/post-build.mjs), so a page never runs another
// build's copy.
(function () {
  // The storage keys, named once in src/core/keys.rs: scripts/post-build.mjs writes them here.
  var KEYS = /* trellis:storage-keys */ {};
  // Where this deployment's keys are (src/core/keys.rs, Namespace): the keys of earlier builds
  // ("trellis.…") when it owns them or nobody does yet, otherwise its own ("trellis@<path>.…").
  var prefix = KEYS.UNPREFIXED;
  try {
    var base = normalized(new URL(document.baseURI).pathname);
    var owner = KEYS.OWNER_KEY && localStorage.getItem(KEYS.OWNER_KEY);
    if (owner && normalized(owner) !== base && KEYS.PREFIXED) prefix = KEYS.PREFIXED + base + ".";
  } catch (e) {
    // Storage blocked: nothing is stored either way.
  }
  // A path with one leading and one trailing "/", as keys.rs writes the owner's.
  function normalized(path) {
    var inner = String(path).replace(/^\/+|\/+$/g, "");
    return inner ? "/" + inner + "/" : "/";
  }
  // Where the logical `key` (KEYS.THEME_KEY) is stored.
  function physical(key) {
    if (!key || !prefix || key.indexOf(KEYS.UNPREFIXED) !== 0) return key;
    return prefix + key.slice(KEYS.UNPREFIXED.length);
  }
  try {
    var themeKey = physical(KEYS.THEME_KEY);
    var theme = themeKey && localStorage.getItem(themeKey);
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
    var planPrefix = physical(KEYS.PLAN_PREFIX);
    try {
      for (var i = 0; i < localStorage.length; i++) {
        if (planPrefix && (localStorage.key(i) || "").indexOf(planPrefix) === 0) return true;
      }
    } catch (e) {
      // Storage blocked: no plan can be open.
    }
    return false;
  }

  if (!("serviceWorker" in navigator)) return;
  // The worker keeps a build's files while a page of that build is open: each page says which
  // build it is, to the worker that controls it now (another one after a deploy).
  var build = (document.querySelector('meta[name="trellis-build"]') || {}).content;
  function hello() {
    navigator.serviceWorker.ready.then(function (registration) {
      var worker = navigator.serviceWorker.controller || registration.active;
      if (worker && build) worker.postMessage({ type: "hello", build: build });
    });
  }
  hello();
  navigator.serviceWorker.addEventListener("controllerchange", hello);
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
