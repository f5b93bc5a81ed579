import { screensPass } from "./screens.ts";

// Every route on a phone in cs: axe and a full-page screenshot (tests/browser/screens.ts).
screensPass("phone", "cs");
