import { nodeLookup } from "./node-lookup.ts";
import { builder } from "../builder.ts";
import { formatCzechAccount } from "@portal/forms";
import { ValidationError } from "../errors.ts";
import { listBankAccounts } from "../services/tenancy/list-bank-accounts.ts";
import { updateMunicipality } from "../services/tenancy/update-municipality.ts";

const BrandingRef = builder.objectRef<{ primaryColor: string; accentColor: string; logoUrl: string | null }>("Branding").implement({
  description: "The municipality's look, applied by the PWA (colours as #rrggbb).",
  fields: (t) => ({
    primaryColor: t.exposeString("primaryColor"),
    accentColor: t.exposeString("accentColor"),
    logoUrl: t.exposeString("logoUrl", { nullable: true }),
  }),
});

builder.prismaObject("BankAccount", {
  fields: (t) => ({
    id: t.exposeID("id"),
    label: t.exposeString("label"),
    accountNumber: t.string({
      description: "Czech notation: prefix-number/bank code.",
      resolve: (account) => formatCzechAccount(account),
    }),
    iban: t.exposeString("iban"),
    isPrimary: t.exposeBoolean("isPrimary"),
  }),
});

const MunicipalityRef = builder.prismaNode("Municipality", {
  ...nodeLookup("Municipality"),
  fields: (t) => ({
    name: t.exposeString("name"),
    ico: t.exposeString("ico", { description: "IČO, the 8-digit identification number." }),
    street: t.exposeString("street"),
    city: t.exposeString("city"),
    postalCode: t.exposeString("postalCode"),
    email: t.exposeString("email"),
    phone: t.exposeString("phone", { nullable: true }),
    website: t.exposeString("website", { nullable: true }),
    publicUrl: t.exposeString("publicUrl", {
      description: "The portal's canonical public URL (origin): every link the portal sends by e-mail starts with it.",
    }),
    noticeTwoPersonRule: t.exposeBoolean("noticeTwoPersonRule", {
      description: "Notice board: a notice proposed by one clerk must be approved by another.",
    }),
    // Reads the row it is given (every Municipality object carries its scalar fields): a `select`
    // here would make Pothos re-read the request's municipality, which the context already holds.
    branding: t.field({
      type: BrandingRef,
      resolve: (m) => ({
        primaryColor: m.primaryColor,
        accentColor: m.accentColor,
        logoUrl: m.logoMimeType ? `/branding/logo?v=${m.updatedAt.getTime()}` : null,
      }),
    }),
    bankAccounts: t.relation("bankAccounts", {
      query: { orderBy: [{ isPrimary: "desc" }, { label: "asc" }] },
      // When the parent did not come from a Prisma query with the relation (`municipality` answers
      // from the context): one statement for the accounts, not the municipality re-read plus them.
      resolve: (_query, municipality, _args, ctx) => listBankAccounts(ctx.services.database.sql, municipality.id),
    }),
  }),
});

builder.queryField("municipality", (t) =>
  t.field({
    type: MunicipalityRef,
    description: "The municipality this portal (host name) belongs to.",
    // The context already holds the request's municipality (without the logo bytes, which no
    // field here reads); relations load on demand.
    resolve: (_root, _args, ctx) => ({ ...ctx.municipality, logo: null }),
  }),
);

const BankAccountInput = builder.inputType("BankAccountInput", {
  fields: (t) => ({
    label: t.string(),
    accountNumber: t.string({ description: "Czech notation prefix-number/bank code; the IBAN is derived." }),
    isPrimary: t.boolean(),
  }),
});

const UpdateMunicipalityInput = builder.inputType("UpdateMunicipalityInput", {
  fields: (t) => ({
    name: t.string(),
    ico: t.string(),
    street: t.string(),
    city: t.string(),
    postalCode: t.string(),
    email: t.string(),
    phone: t.string({ required: false }),
    website: t.string({ required: false }),
    publicUrl: t.string({
      required: false,
      description:
        "The portal's canonical public URL, an http(s) origin such as https://portal.town.example (no path, query or credentials); its host name is mapped to this municipality. Omitted = unchanged.",
    }),
    primaryColor: t.string({ description: "#rrggbb" }),
    accentColor: t.string({ description: "#rrggbb" }),
    bankAccounts: t.field({ type: [BankAccountInput] }),
    noticeTwoPersonRule: t.boolean({
      required: false,
      description: "Notice board: a second clerk must approve what one proposes. Omitted = unchanged.",
    }),
    logo: t.field({ type: "File", required: false, description: "A new logo or coat of arms (PNG, JPEG or WebP, at most 512 kB)." }),
    removeLogo: t.boolean({ required: false, description: "Remove the logo." }),
  }),
});

builder.mutationField("updateMunicipality", (t) =>
  t.field({
    type: MunicipalityRef,
    description: "Admins: the municipality's identity, contacts, branding and bank accounts (replaced as a whole).",
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateMunicipalityInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "municipality" } },
    resolve: async (_root, { input }, ctx) => ({ ...(await updateMunicipality(ctx, input)), logo: null }),
  }),
);
