/** The three public registers: their URL segment, the HTTP export's file name and the GraphQL type of an entry. */
export const REGISTER_KINDS = {
  CONTRACT: { path: "smlouvy", exportName: "contracts", typename: "Contract" },
  INVOICE: { path: "faktury", exportName: "invoices", typename: "Invoice" },
  ORDER: { path: "objednavky", exportName: "orders", typename: "PurchaseOrder" },
} as const;

export type RegisterKind = keyof typeof REGISTER_KINDS;
export const KIND_ORDER: readonly RegisterKind[] = ["CONTRACT", "INVOICE", "ORDER"];
type Typename = (typeof REGISTER_KINDS)[RegisterKind]["typename"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// URLs carry an entry's own id (a UUID) rather than its Relay global id: the global id is base64 of
// "Type:uuid", which may contain "/" and "+" and says nothing to a reader of the address bar.

/** The Relay global id of an entry from the UUID in a URL; null for anything that is not a UUID. */
export function globalId(typename: Typename | "RegisterImport", uuid: string | undefined): string | null {
  return uuid && UUID.test(uuid) ? btoa(`${typename}:${uuid.toLowerCase()}`) : null;
}

/** The UUID inside a Relay global id, for links. */
export function uuidOf(id: string): string {
  try {
    return atob(id).split(":")[1] ?? id;
  } catch {
    return id;
  }
}

export function detailPath(kind: RegisterKind, id: string): string {
  return `/${REGISTER_KINDS[kind].path}/${uuidOf(id)}`;
}

/** The StoredFile id inside a download URL (/soubory/<uuid>/<name>). */
export function fileIdOfUrl(url: string | null | undefined): string | null {
  const uuid = /^\/soubory\/([^/]+)\//.exec(url ?? "")?.[1];
  return uuid && UUID.test(uuid) ? uuid : null;
}
