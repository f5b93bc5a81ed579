import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { ApiToken } from "../../generated/prisma/client.ts";
import { randomToken, sha256 } from "../../lib/tokens.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { API_TOKEN_SCOPES } from "./api-token-scopes.ts";
import { requireViewer } from "./require-viewer.ts";

/** Tokens start with this so that secret scanners (and people) recognise them. */
export const API_TOKEN_PREFIX = "po_";
const SHOWN_PREFIX_LENGTH = 10;

/**
 * Creates an integrator token. The token itself is returned once and never stored: the table
 * holds its SHA-256 and the first characters, to recognise it in the list.
 */
export async function createApiToken(
  ctx: Context,
  input: { name: string; scopes: readonly string[]; expiresAt?: Date | null },
): Promise<{ token: string; apiToken: ApiToken }> {
  const viewer = requireViewer(ctx, ["ADMIN"]);
  const now = ctx.clock.now();
  const schema = z.object({
    name: z.string().trim().min(1, { message: "field.required", abort: true }).max(100, { message: "field.tooLong" }),
    scopes: z
      .array(z.string().refine((scope) => (API_TOKEN_SCOPES as readonly string[]).includes(scope), { message: "field.scope" }))
      .min(1, { message: "field.required" })
      .max(API_TOKEN_SCOPES.length * 2),
    expiresAt: z
      .date()
      .nullish()
      .refine((date) => !date || date > now, { message: "field.dateInPast" }),
  });
  const data = parseInput(schema, input);
  const token = API_TOKEN_PREFIX + randomToken(32);
  const apiToken = await ctx.db.apiToken.create({
    data: {
      municipalityId: ctx.municipality.id,
      name: data.name,
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      tokenHash: sha256(token),
      scopes: [...new Set(data.scopes)],
      createdById: viewer.userId,
      createdAt: now,
      expiresAt: data.expiresAt ?? null,
    },
  });
  await recordAudit(ctx, {
    action: "api_token.created",
    subjectType: "ApiToken",
    subjectId: apiToken.id,
    details: { name: apiToken.name, scopes: apiToken.scopes },
  });
  return { token, apiToken };
}
