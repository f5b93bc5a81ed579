import "./styles.css";

// The entry point. index.html's static outline is on screen as soon as the HTML and its inline styles arrive;
// the app itself (preloaded by index.html, see build/preload-app.ts) starts right after that first paint, so on a
// busy phone the paint never waits behind the evaluation of the app's scripts.
let started = false;
function start() {
  if (started) return;
  started = true;
  void import("./app.tsx");
}

if (document.visibilityState === "hidden") {
  // A tab opened in the background gets no animation frames (and paints nothing) until it is shown.
  start();
} else {
  // The frame's callback runs just before the paint; the timeout lets the paint happen first.
  requestAnimationFrame(() => setTimeout(start, 0));
  document.addEventListener("visibilitychange", start, { once: true });
}
