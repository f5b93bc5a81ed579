// Files: uploads for notice attachments and register entries. Downloads are plain HTTP
// (GET /soubory/:id/:fileName, api/src/http/files.ts), so browsers and the service worker can
// cache and open them like any document.
import { builder } from "../builder.ts";
import { ValidationError } from "../errors.ts";
import { fileUrl } from "../services/files/file-url.ts";
import { uploadFile } from "../services/files/upload-file.ts";
import { nodeLookup } from "./node-lookup.ts";

/** Clerks of the notices or registers agenda (admins pass every agenda) and integrators writing either. */
export const FILE_MANAGERS = {
  agenda: "NOTICES",
  apiScope: "notices:write",
  $any: { agenda: "REGISTERS", apiScope: "registers:write" },
} as const;

export const StoredFileRef = builder.prismaNode("StoredFile", {
  ...nodeLookup("StoredFile"),
  description: "An uploaded file as its uploader sees it. The public sees attachments through the records they belong to.",
  authScopes: FILE_MANAGERS,
  fields: (t) => ({
    fileName: t.exposeString("fileName", { description: "The sanitised original name." }),
    mimeType: t.exposeString("mimeType", { description: "Detected from the content, not from the name." }),
    size: t.exposeInt("size", { description: "In bytes." }),
    sha256: t.exposeString("sha256"),
    url: t.string({
      description: "Download URL (relative to the portal).",
      select: { fileName: true },
      resolve: (file) => fileUrl(file),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.mutationField("uploadFile", (t) =>
  t.field({
    type: StoredFileRef,
    description:
      "Uploads one file (GraphQL multipart request) to attach to a notice or a register entry: PDF, DOCX, XLSX, ODT, ODS, " +
      "PNG, JPEG or WebP, recognised from the content, at most FILE_MAX_BYTES (20 MB by default).",
    authScopes: FILE_MANAGERS,
    args: { file: t.arg({ type: "File", required: true }) },
    errors: { types: [ValidationError], dataField: { name: "file" } },
    resolve: (_root, { file }, ctx) => uploadFile(ctx, file),
  }),
);
