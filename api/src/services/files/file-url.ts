/** Where stored files are downloaded (GET /soubory/:id/:fileName, api/src/http/files.ts). */
export const FILES_PREFIX = "/soubory/";

/** The download URL of a stored file; the name part is for people and "save as", the id decides. */
export function fileUrl(file: { id: string; fileName: string }): string {
  return `${FILES_PREFIX}${file.id}/${encodeURIComponent(file.fileName)}`;
}
