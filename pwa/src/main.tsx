import "./styles.css";

// The entry point. index.html's static outline is on screen as soon as the HTML and its inline styles arrive;
// the app itself (preloaded by index.html, see build/preload-app.ts) starts right after that first paint, so on a
// busy phone the paint never waits behind the evaluation of the app's scripts.
let started = false;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
function start() {
  if (started) return;
  started = true;
  // Evaluating the app's modules is the page's longest work on a phone. Imported in three steps (React's DOM
  // renderer, the texts, then the app), each step is a task of its own, short enough for the page to stay
  // responsive in between; the app's own imports of the first two find them evaluated already.
  void (async () => {
    await import("react-dom/client");
    await nextTask();
    await import("./i18n/setup.ts");
    await nextTask();
    await import("./app.tsx");
  })();
}

if (document.visibilityState === "hidden") {
  // A tab opened in the background gets no animation frames (and paints nothing) until it is shown.
  start();
} else {
  // The frame's callback runs just before the paint; the timeout lets the paint happen first.
  requestAnimationFrame(() => setTimeout(start, 0));
  document.addEventListener("visibilitychange", start, { once: true });
}
