/** Runtime theming from the town's branding, with foregrounds chosen so text keeps WCAG 2.1 AA contrast. */

const AA_NORMAL_TEXT = 4.5;

type Rgb = [number, number, number];

export function parseHexColor(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join("") : match[1]!;
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

/** Relative luminance as defined by WCAG 2.1. */
function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Black or white, whichever reads better; one of them always reaches at least 4.58:1. */
export function readableForeground(background: Rgb): string {
  return contrastRatio(background, WHITE) >= contrastRatio(background, BLACK) ? "#ffffff" : "#000000";
}

/** The colour itself if it is readable as text on white, otherwise the nearest darker shade that is. */
export function textColorOnWhite(color: Rgb): string {
  let shade = color;
  for (let step = 0; contrastRatio(shade, WHITE) < AA_NORMAL_TEXT && step < 20; step++) {
    shade = shade.map((channel) => channel * 0.9) as Rgb;
  }
  return toHex(shade);
}

export interface BrandColors {
  primaryColor: string;
  accentColor: string;
}

export function brandCssVariables({ primaryColor, accentColor }: BrandColors): Record<string, string> {
  const variables: Record<string, string> = {};
  const primary = parseHexColor(primaryColor);
  if (primary) {
    variables["--brand"] = toHex(primary);
    variables["--on-brand"] = readableForeground(primary);
    variables["--brand-text"] = textColorOnWhite(primary);
  }
  const accent = parseHexColor(accentColor);
  if (accent) {
    variables["--accent"] = toHex(accent);
    variables["--on-accent"] = readableForeground(accent);
  }
  return variables;
}

export function applyBranding(colors: BrandColors) {
  const variables = brandCssVariables(colors);
  for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
  if (variables["--brand"]) document.querySelector('meta[name="theme-color"]')?.setAttribute("content", variables["--brand"]);
}
