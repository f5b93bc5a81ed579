import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { czechAccountToIban, formatCzechAccount, isValidIco, parseCzechAccount } from "@portal/forms";
import type { TenantTx } from "../../db/tenant.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { publicHostnameOf, publicUrlSchema } from "./public-url.ts";

const text = (max: number) => z.string().trim().min(1, { message: "field.required" }).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => value || null);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "field.colour" });

const bankAccountSchema = z.object({
  label: text(100),
  accountNumber: z
    .string()
    .trim()
    .refine((value) => parseCzechAccount(value) !== null, { message: "field.bankAccount" }),
  isPrimary: z.boolean(),
});

const settingsSchema = z.object({
  name: text(200),
  ico: z.string().trim().refine(isValidIco, { message: "field.ico" }),
  street: text(200),
  city: text(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{2}$/, { message: "field.postalCode" }),
  email: z.string().trim().toLowerCase().max(254).email({ message: "field.email" }),
  phone: optionalText(40),
  // Only web addresses: a javascript: or data: URL would end up in a link on the portal.
  website: z
    .url({ protocol: /^https?$/, message: "field.url" })
    .max(300)
    .nullish()
    .or(z.literal("").transform(() => null)),
  /** Omitted = unchanged (API clients written before the field existed). */
  publicUrl: publicUrlSchema.nullish(),
  primaryColor: colour,
  accentColor: colour,
  bankAccounts: z
    .array(bankAccountSchema)
    .min(1, { message: "field.bankAccountRequired" })
    .max(10)
    .refine((accounts) => accounts.filter((a) => a.isPrimary).length === 1, { message: "field.onePrimaryAccount" }),
  /** Notice board: a second clerk must approve what one proposes. Omitted = unchanged. */
  noticeTwoPersonRule: z.boolean().nullish(),
  /** true removes the logo (a new `logo` file replaces it). */
  removeLogo: z.boolean().nullish(),
});

/** The town's coat of arms or logo: a raster image, small enough for every page load. */
const LOGO_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
export const LOGO_MAX_BYTES = 512 * 1024;

async function readLogo(logo: File): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string }> {
  if (logo.size === 0 || logo.size > LOGO_MAX_BYTES) throw ValidationError.field("logo", "field.logoSize", "TOO_LARGE", { max: "512 kB" });
  const bytes = new Uint8Array(await logo.arrayBuffer());
  // The type is read from the content, never from the name or the browser's claim.
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !LOGO_TYPES.has(detected.mime)) throw ValidationError.field("logo", "field.logoType", "TYPE");
  return { bytes, mimeType: detected.mime };
}

export type MunicipalitySettingsInput = z.input<typeof settingsSchema>;

/**
 * The town's accounts become the given list, matched by IBAN: a kept account keeps its row (assessments are
 * paid to it and statements belong to it), a new one is added, and one left out is removed unless assessments
 * or imported statements refer to it - that is a field error naming the account.
 */
async function syncBankAccounts(tx: TenantTx, municipalityId: string, accounts: z.output<typeof bankAccountSchema>[]) {
  const wanted = accounts.map((account) => {
    const parsed = parseCzechAccount(account.accountNumber)!;
    return { label: account.label, isPrimary: account.isPrimary, ...parsed, iban: czechAccountToIban(parsed) };
  });
  const seen = new Set<string>();
  for (const account of wanted) {
    if (seen.has(account.iban)) {
      throw ValidationError.field("bankAccounts", "field.bankAccountDuplicate", "DUPLICATE", { account: formatCzechAccount(account) });
    }
    seen.add(account.iban);
  }
  const existing = await tx.bankAccount.findMany({
    where: { municipalityId },
    include: { _count: { select: { assessments: true, statements: true } } },
  });
  for (const account of existing) {
    if (seen.has(account.iban)) continue;
    if (account._count.assessments > 0 || account._count.statements > 0) {
      throw ValidationError.field("bankAccounts", "field.bankAccountInUse", "IN_USE", { account: formatCzechAccount(account) });
    }
    await tx.bankAccount.delete({ where: { id: account.id } });
  }
  for (const account of wanted) {
    const data = {
      label: account.label,
      isPrimary: account.isPrimary,
      prefix: account.prefix,
      number: account.number,
      bankCode: account.bankCode,
    };
    const kept = existing.find((row) => row.iban === account.iban);
    if (kept) await tx.bankAccount.update({ where: { id: kept.id }, data });
    else await tx.bankAccount.create({ data: { ...data, municipalityId, iban: account.iban } });
  }
}

/**
 * An admin updates the municipality's identity, contacts, branding and bank accounts. The IČO and
 * every account number must pass their check digits; IBANs are derived, never typed.
 */
export async function updateMunicipality(ctx: Context, input: MunicipalitySettingsInput & { logo?: File | null }) {
  const { logo: logoFile, ...rest } = input;
  const data = parseInput(settingsSchema, rest);
  const logo = logoFile ? await readLogo(logoFile) : null;
  const municipality = await ctx.db.$transaction(async (tx) => {
    if (data.publicUrl) {
      // The public URL's host answers for this municipality (in production unknown hosts get 421),
      // unless another municipality already has that host name.
      const hostname = publicHostnameOf(data.publicUrl);
      const mapped = await tx.municipalityHost.findUnique({ where: { hostname } });
      const sameUrl = await tx.municipality.findFirst({
        where: { publicUrl: data.publicUrl, id: { not: ctx.municipality.id } },
        select: { id: true },
      });
      if (sameUrl || (mapped && mapped.municipalityId !== ctx.municipality.id)) {
        throw ValidationError.field("publicUrl", "field.publicUrlHostTaken", "HOST_TAKEN");
      }
      if (!mapped) {
        await tx.municipalityHost.create({ data: { hostname, municipalityId: ctx.municipality.id } }).catch((error: unknown) => {
          throw isUniqueViolation(error) ? ValidationError.field("publicUrl", "field.publicUrlHostTaken", "HOST_TAKEN") : error;
        });
      }
    }
    await syncBankAccounts(tx, ctx.municipality.id, data.bankAccounts);
    const { bankAccounts: _accounts, noticeTwoPersonRule, removeLogo, publicUrl, ...fields } = data;
    return tx.municipality.update({
      where: { id: ctx.municipality.id },
      data: {
        ...fields,
        ...(noticeTwoPersonRule == null ? {} : { noticeTwoPersonRule }),
        ...(publicUrl ? { publicUrl } : {}),
        ...(logo ? { logo: logo.bytes, logoMimeType: logo.mimeType } : removeLogo ? { logo: null, logoMimeType: null } : {}),
      },
      omit: { logo: true },
    });
  });
  ctx.services.municipalities.invalidate();
  // The home page's public answer shows these settings.
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  await recordAudit(ctx, { action: "municipality.updated", subjectType: "Municipality", subjectId: municipality.id });
  return municipality;
}
