/**
 * What may be uploaded, decided from the bytes (file-type reads magic numbers and, for office
 * formats, the entries of the zip container), never from the name or the browser's claimed type.
 * Text formats (HTML, SVG, scripts) are never accepted: file-type cannot recognise them, and a
 * browser could run them.
 */
export interface AllowedType {
  /** The canonical extension the stored name ends with. */
  extension: string;
  /** Extensions that mean the same type (a "foto.jpeg" keeps its name). */
  aliases: readonly string[];
  /** Shown in the browser (PDF, images) rather than downloaded. */
  inline: boolean;
}

export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = {
  "application/pdf": { extension: "pdf", aliases: [], inline: true },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { extension: "docx", aliases: [], inline: false },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { extension: "xlsx", aliases: [], inline: false },
  "application/vnd.oasis.opendocument.text": { extension: "odt", aliases: [], inline: false },
  "application/vnd.oasis.opendocument.spreadsheet": { extension: "ods", aliases: [], inline: false },
  "image/png": { extension: "png", aliases: [], inline: true },
  "image/jpeg": { extension: "jpg", aliases: ["jpeg"], inline: true },
  "image/webp": { extension: "webp", aliases: [], inline: true },
};

/** For the error message: "PDF, DOCX, XLSX, ODT, ODS, PNG, JPG, WEBP". */
export const ALLOWED_EXTENSIONS = Object.values(ALLOWED_TYPES)
  .map((type) => type.extension.toUpperCase())
  .join(", ");

const MAX_NAME_LENGTH = 180;
// Characters Windows refuses in names, path separators and the quote that would break headers.
const RESERVED = /[<>:"/\\|?*]/g;
// Control characters and invisible formatting (e.g. U+202E, which can make "fdp.exe" look like
// "exe.pdf") have no place in a name shown to citizens.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * A safe display name for an uploaded file: only the last path segment (browsers on Windows send
 * "C:\Users\…\file.pdf"), no control or invisible characters, no reserved characters, no leading
 * dots, at most 180 characters, Czech letters kept (NFC). It ends with the extension of the type
 * detected from the content ("smlouva.exe" holding a PDF becomes "smlouva.exe.pdf").
 */
export function safeFileName(original: string, type: AllowedType): string {
  const lastSegment = original.split(/[/\\]/).pop() ?? "";
  let name = lastSegment
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(RESERVED, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const known = extension === type.extension || type.aliases.includes(extension);
  let stem = known ? name.slice(0, dot) : name;
  const suffix = known ? name.slice(dot) : `.${type.extension}`;
  stem = [...stem]
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .join("")
    .trim();
  if (stem === "" || /^\.+$/.test(stem)) stem = "soubor";
  name = stem + suffix;
  return name;
}
