import { screensPass } from "./screens.ts";

// Every route on a phone in en: axe and a full-page screenshot (tests/browser/screens.ts).
screensPass("phone", "en");
