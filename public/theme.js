// Applies the saved theme before the first paint, so a dark-theme user never sees a white flash.
(function () {
  try {
    var theme = localStorage.getItem("trellis.theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.dataset.theme = theme;
    }
  } catch (e) {
    // Storage blocked: follow the system theme.
  }
})();
