import { builder } from "../builder.ts";
import { formatCzechAccount } from "../domain/czech-identifiers.ts";


const BrandingRef = builder
  .objectRef<{ primaryColor: string; accentColor: string; logoUrl: string | null }>("Branding")
  .implement({
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
  id: { field: "id" },
  fields: (t) => ({
    name: t.exposeString("name"),
    ico: t.exposeString("ico", { description: "IČO, the 8-digit identification number." }),
    street: t.exposeString("street"),
    city: t.exposeString("city"),
    postalCode: t.exposeString("postalCode"),
    email: t.exposeString("email"),
    phone: t.exposeString("phone", { nullable: true }),
    website: t.exposeString("website", { nullable: true }),
    branding: t.field({
      type: BrandingRef,
      select: { primaryColor: true, accentColor: true, logoMimeType: true, updatedAt: true },
      resolve: (m) => ({
        primaryColor: m.primaryColor,
        accentColor: m.accentColor,
        logoUrl: m.logoMimeType ? `/branding/logo?v=${m.updatedAt.getTime()}` : null,
      }),
    }),
    bankAccounts: t.relation("bankAccounts", { query: { orderBy: [{ isPrimary: "desc" }, { label: "asc" }] } }),
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
