// Draws the PWA icons and install screenshots as plain shapes, so the PNGs are reproducible byte for byte
// (no fonts, no browser) and can be regenerated whenever the brand shapes change.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

type Rgba = readonly [number, number, number, number];
/** Returns the colour at a point given in the image's own pixel coordinates, or null for "paint nothing". */
type Layer = (x: number, y: number) => Rgba | null;

const BRAND: Rgba = [31, 78, 140, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const PAGE: Rgba = [246, 247, 249, 255];
const CARD: Rgba = [255, 255, 255, 255];
const LINE: Rgba = [214, 219, 226, 255];
const TEXT: Rgba = [120, 128, 140, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

const publicDir = join(dirname(fileURLToPath(import.meta.url)), "..", "public");

const roundedRect =
  (left: number, top: number, width: number, height: number, radius: number, color: Rgba): Layer =>
  (x, y) => {
    if (x < left || y < top || x > left + width || y > top + height) return null;
    const dx = Math.max(left + radius - x, 0, x - (left + width - radius));
    const dy = Math.max(top + radius - y, 0, y - (top + height - radius));
    return dx * dx + dy * dy <= radius * radius ? color : null;
  };

const polygon =
  (points: ReadonlyArray<readonly [number, number]>, color: Rgba): Layer =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? color : null;
  };

/** A shield holding a town hall (roof and three columns): the generic emblem until a town uploads its own. */
function emblem(centerX: number, centerY: number, size: number, shieldColor: Rgba, hallColor: Rgba): Layer[] {
  const s = size / 100;
  const at = (x: number, y: number) => [centerX + (x - 50) * s, centerY + (y - 50) * s] as const;
  const shield = polygon([at(10, 4), at(90, 4), at(90, 50), at(50, 96), at(10, 50)], shieldColor);
  const roof = polygon([at(50, 18), at(78, 36), at(22, 36)], hallColor);
  const [baseX, baseY] = at(28, 66);
  const base = roundedRect(baseX, baseY, 44 * s, 6 * s, 1 * s, hallColor);
  const columns = [32, 46, 60].map((x) => {
    const [left, top] = at(x, 40);
    return roundedRect(left, top, 8 * s, 24 * s, 1 * s, hallColor);
  });
  return [shield, roof, ...columns, base];
}

function render(width: number, height: number, background: Rgba, layers: Layer[]): Buffer {
  const png = new PNG({ width, height });
  const offsets = [0.25, 0.75]; // 2x2 supersampling smooths the edges of the shapes
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0, 0];
      for (const oy of offsets) {
        for (const ox of offsets) {
          let color = background;
          for (const layer of layers) color = layer(x + ox, y + oy) ?? color;
          for (let c = 0; c < 4; c++) sum[c]! += color[c]!;
        }
      }
      const index = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) png.data[index + c] = Math.round(sum[c]! / 4);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function write(relativePath: string, data: Buffer) {
  const path = join(publicDir, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote ${relativePath} (${data.length} B)`);
}

for (const size of [192, 512]) {
  // "any": a rounded tile with the emblem filling most of it.
  write(
    `icons/icon-${size}.png`,
    render(size, size, TRANSPARENT, [
      roundedRect(0, 0, size, size, size * 0.18, BRAND),
      ...emblem(size / 2, size / 2, size * 0.72, WHITE, BRAND),
    ]),
  );
  // "maskable": full bleed, emblem inside the 80 % safe zone that every mask shape keeps.
  write(`icons/maskable-${size}.png`, render(size, size, BRAND, emblem(size / 2, size / 2, size * 0.56, WHITE, BRAND)));
}

// The notification badge: Android draws only its alpha channel in the status bar, so the emblem is a white
// silhouette with the town hall cut out.
write("icons/badge-96.png", render(96, 96, TRANSPARENT, emblem(48, 48, 88, WHITE, TRANSPARENT)));

/** A simplified home page: branded header, then cards of grey "text" bars. */
function screenshot(width: number, height: number, columns: number): Buffer {
  const unit = Math.min(width, height) / 27;
  const headerHeight = unit * 4;
  const layers: Layer[] = [
    roundedRect(0, 0, width, headerHeight, 0, BRAND),
    ...emblem(unit * 2.5, headerHeight / 2, unit * 3, WHITE, BRAND),
    roundedRect(unit * 5, headerHeight / 2 - unit * 0.5, unit * 9, unit, unit * 0.5, WHITE),
  ];
  const margin = unit * 1.5;
  const cardWidth = (width - margin * (columns + 1)) / columns;
  const cardHeight = unit * 7;
  for (let column = 0; column < columns; column++) {
    for (let row = 0; headerHeight + margin + row * (cardHeight + margin) + cardHeight < height; row++) {
      const left = margin + column * (cardWidth + margin);
      const top = headerHeight + margin + row * (cardHeight + margin);
      layers.push(
        roundedRect(left - 2, top - 2, cardWidth + 4, cardHeight + 4, unit * 0.6, LINE),
        roundedRect(left, top, cardWidth, cardHeight, unit * 0.5, CARD),
        roundedRect(left + unit, top + unit, cardWidth * 0.5, unit * 0.9, unit * 0.45, BRAND),
        roundedRect(left + unit, top + unit * 3, cardWidth - unit * 2, unit * 0.6, unit * 0.3, TEXT),
        roundedRect(left + unit, top + unit * 4.5, cardWidth * 0.6, unit * 0.6, unit * 0.3, TEXT),
      );
    }
  }
  return render(width, height, PAGE, layers);
}

write("screenshots/narrow.png", screenshot(1080, 1920, 1));
write("screenshots/wide.png", screenshot(1920, 1080, 3));
