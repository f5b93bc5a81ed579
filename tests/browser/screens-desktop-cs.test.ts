import { screensPass } from "./screens.ts";

// Every route on a desktop in cs: axe and a full-page screenshot (tests/browser/screens.ts).
screensPass("desktop", "cs");
