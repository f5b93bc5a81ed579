import { normalizeForSearch } from "../../domain/search-text.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";

// The columns an import file may have, per register. Accounting systems name them in many ways
// ("Číslo smlouvy", "Cislo", "Contract number", "Částka bez DPH (Kč)"); a header matches a column
// when, lower-cased without diacritics, punctuation and currency words, it equals one of the aliases.
// The Czech header of each column is also the one the exports write.

export type ColumnType = "text" | "amount" | "date" | "ico" | "code";

export interface ColumnDef {
  /** The entry field it fills; `contractNumber`/`orderNumber` link an invoice by number. */
  field: string;
  type: ColumnType;
  required: boolean;
  /** Header in exports and in messages when the file has none of the aliases. */
  header: string;
  aliases: string[];
}

const number = (header: string, aliases: string[]): ColumnDef => ({
  field: "number",
  type: "text",
  required: true,
  header,
  aliases: [...aliases, "cislo", "number", "evidencni cislo", "c"],
});
const subject = (aliases: string[] = []): ColumnDef => ({
  field: "subject",
  type: "text",
  required: true,
  header: "Předmět",
  aliases: [...aliases, "predmet", "subject", "popis", "description", "nazev", "text"],
});
const amounts: ColumnDef[] = [
  {
    field: "amountWithoutVat",
    type: "amount",
    required: true,
    header: "Částka bez DPH",
    aliases: [
      "castka bez dph",
      "cena bez dph",
      "bez dph",
      "zaklad",
      "zaklad dane",
      "amount without vat",
      "amount excl vat",
      "net amount",
      "net",
    ],
  },
  {
    field: "amountWithVat",
    type: "amount",
    required: true,
    header: "Částka s DPH",
    aliases: [
      "castka s dph",
      "cena s dph",
      "s dph",
      "castka vcetne dph",
      "cena vcetne dph",
      "vcetne dph",
      "celkem s dph",
      "celkem",
      "amount with vat",
      "amount incl vat",
      "gross amount",
      "total",
    ],
  },
];
const department: ColumnDef = {
  field: "department",
  type: "text",
  required: false,
  header: "Odbor",
  aliases: ["odbor", "utvar", "oddeleni", "orj", "department"],
};
const supplier: ColumnDef[] = [
  {
    field: "supplierName",
    type: "text",
    required: true,
    header: "Dodavatel",
    aliases: ["dodavatel", "nazev dodavatele", "jmeno dodavatele", "firma", "supplier", "supplier name", "vendor", "partner"],
  },
  {
    field: "supplierIco",
    type: "ico",
    required: false,
    header: "IČO dodavatele",
    aliases: ["ico dodavatele", "ic dodavatele", "ico", "ic", "supplier ico", "supplier id", "company id", "reg no", "registration number"],
  },
];

/** Contracts and orders over 50 000 Kč: where and when they were published in the registr smluv. */
const registry: ColumnDef[] = [
  {
    field: "registryId",
    type: "text",
    required: false,
    header: "ID v registru smluv",
    aliases: [
      "id v registru smluv",
      "id registru smluv",
      "registr smluv",
      "id smlouvy v registru",
      "id objednavky v registru",
      "registry id",
      "contract register id",
    ],
  },
  {
    field: "registryPublishedOn",
    type: "date",
    required: false,
    header: "Zveřejněno v registru smluv",
    aliases: [
      "zverejneno v registru smluv",
      "zverejneno v registru",
      "datum zverejneni v registru smluv",
      "datum zverejneni",
      "registry published on",
      "published in registry",
      "published in contract register",
    ],
  },
];

export const REGISTER_COLUMNS: Record<RegisterKind, ColumnDef[]> = {
  CONTRACT: [
    number("Číslo smlouvy", ["cislo smlouvy", "c smlouvy", "contract number", "contract no"]),
    subject(["predmet smlouvy", "nazev smlouvy"]),
    {
      field: "counterpartyName",
      type: "text",
      required: true,
      header: "Smluvní strana",
      aliases: [
        "smluvni strana",
        "protistrana",
        "smluvni partner",
        "nazev smluvni strany",
        "nazev protistrany",
        "dodavatel",
        "partner",
        "counterparty",
        "counterparty name",
        "contractor",
        "supplier",
      ],
    },
    {
      field: "counterpartyIco",
      type: "ico",
      required: false,
      header: "IČO smluvní strany",
      aliases: ["ico smluvni strany", "ico protistrany", "ico dodavatele", "ico", "ic", "counterparty ico", "company id", "reg no"],
    },
    ...amounts,
    {
      field: "signedOn",
      type: "date",
      required: true,
      header: "Datum podpisu",
      aliases: [
        "datum podpisu",
        "podepsano",
        "datum uzavreni",
        "uzavreno",
        "datum uzavreni smlouvy",
        "signed",
        "signed on",
        "date signed",
        "date of signing",
        "datum",
      ],
    },
    {
      field: "validFrom",
      type: "date",
      required: false,
      header: "Platnost od",
      aliases: ["platnost od", "ucinnost od", "platna od", "valid from"],
    },
    {
      field: "validUntil",
      type: "date",
      required: false,
      header: "Platnost do",
      aliases: ["platnost do", "ucinnost do", "platna do", "valid until", "valid to"],
    },
    department,
    ...registry,
  ],
  INVOICE: [
    number("Číslo faktury", ["cislo faktury", "c faktury", "cislo dokladu", "invoice number", "invoice no"]),
    subject(["predmet plneni", "ucel"]),
    ...supplier,
    ...amounts,
    {
      field: "issuedOn",
      type: "date",
      required: true,
      header: "Datum vystavení",
      aliases: ["datum vystaveni", "vystaveno", "datum prijeti", "issued", "issued on", "issue date", "date of issue", "datum"],
    },
    {
      field: "dueOn",
      type: "date",
      required: true,
      header: "Datum splatnosti",
      aliases: ["datum splatnosti", "splatnost", "splatno", "due", "due on", "due date"],
    },
    {
      field: "paidOn",
      type: "date",
      required: false,
      header: "Datum úhrady",
      aliases: ["datum uhrady", "uhrazeno", "datum zaplaceni", "zaplaceno", "paid", "paid on", "payment date"],
    },
    {
      field: "budgetParagraph",
      type: "code",
      required: false,
      header: "Paragraf",
      aliases: ["paragraf", "par", "odpa", "paragraph", "budget paragraph"],
    },
    {
      field: "budgetItem",
      type: "code",
      required: false,
      header: "Položka",
      aliases: ["polozka", "pol", "rozpoctova polozka", "item", "budget item"],
    },
    department,
    {
      field: "contractNumber",
      type: "text",
      required: false,
      header: "Číslo smlouvy",
      aliases: ["cislo smlouvy", "smlouva", "contract", "contract number"],
    },
    {
      field: "orderNumber",
      type: "text",
      required: false,
      header: "Číslo objednávky",
      aliases: ["cislo objednavky", "objednavka", "order", "order number", "purchase order"],
    },
  ],
  ORDER: [
    number("Číslo objednávky", ["cislo objednavky", "c objednavky", "order number", "order no"]),
    subject(["predmet objednavky"]),
    ...supplier,
    ...amounts,
    {
      field: "orderedOn",
      type: "date",
      required: true,
      header: "Datum objednání",
      aliases: ["datum objednani", "datum objednavky", "objednano", "datum vystaveni", "ordered", "ordered on", "order date", "datum"],
    },
    department,
    ...registry,
  ],
};

/** "Částka bez DPH (Kč)" -> "castka bez dph"; "IČ" -> "ic". */
export function headerKey(header: string): string {
  return normalizeForSearch(header)
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((word) => word && word !== "kc" && word !== "czk")
    .join(" ");
}

export interface HeaderMapping {
  /** Column index in the file for each field found. */
  indexes: Map<string, number>;
  /** The file's own header text per field, for messages that name the column. */
  headers: Map<string, string>;
  missing: ColumnDef[];
  duplicates: string[];
}

/** Matches a file's header row to a register's columns. */
export function mapHeaders(kind: RegisterKind, headerRow: string[]): HeaderMapping {
  const columns = REGISTER_COLUMNS[kind];
  const indexes = new Map<string, number>();
  const headers = new Map<string, string>();
  const duplicates: string[] = [];
  headerRow.forEach((raw, index) => {
    const key = headerKey(raw);
    if (!key) return;
    // A header may be an alias of several columns ("datum", "ico"); the first unfilled one takes it,
    // after the exact aliases of every column had their turn.
    const column =
      columns.find((c) => !indexes.has(c.field) && c.aliases[0] === key) ??
      columns.find((c) => !indexes.has(c.field) && c.aliases.includes(key)) ??
      columns.find((c) => c.aliases.includes(key));
    if (!column) return;
    if (indexes.has(column.field)) {
      duplicates.push(raw.trim());
      return;
    }
    indexes.set(column.field, index);
    headers.set(column.field, raw.trim());
  });
  const missing = columns.filter((c) => c.required && !indexes.has(c.field));
  return { indexes, headers, missing, duplicates };
}
