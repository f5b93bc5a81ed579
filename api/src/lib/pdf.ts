import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Locale } from "../i18n/messages.ts";

// DejaVu covers the whole Czech alphabet; the PDF's standard fonts (WinAnsi) have no ě, š, č, ř, ů...
const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  };
  return fonts;
}

/**
 * An A4 document the portal issues (a posting confirmation, a receipt), with the fonts "regular" and "bold"
 * registered, the document language set (screen readers) and its title shown; `draw` writes the content.
 */
export function renderPdf(
  locale: Locale,
  info: { title: string; author: string; now: Date },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    lang: locale === "cs" ? "cs-CZ" : "en",
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Creator: "Portál občana", CreationDate: info.now, ModDate: info.now },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  draw(doc);
  doc.end();
  return done;
}
