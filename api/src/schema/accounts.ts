// Accounts: registration, sessions, profile, clerks, integrator API tokens, outbox and audit log.
// Resolvers check scope and call one service each; the rules live in services/accounts.
import { builder } from "../builder.ts";
import { ForbiddenError, InvalidCredentialsError, NotFoundError, TooManyAttemptsError, ValidationError } from "../errors.ts";
import { Agenda, Role } from "../generated/prisma/enums.ts";
import { nodeLookup } from "./node-lookup.ts";
import { API_TOKEN_SCOPES } from "../services/accounts/api-token-scopes.ts";
import { changePassword } from "../services/accounts/change-password.ts";
import { createApiToken } from "../services/accounts/create-api-token.ts";
import { createClerk } from "../services/accounts/create-clerk.ts";
import { logIn } from "../services/accounts/log-in.ts";
import { logOut } from "../services/accounts/log-out.ts";
import { registerCitizen } from "../services/accounts/register-citizen.ts";
import { requestPasswordReset } from "../services/accounts/request-password-reset.ts";
import { resetPassword } from "../services/accounts/reset-password.ts";
import { revokeApiToken } from "../services/accounts/revoke-api-token.ts";
import { updateClerk } from "../services/accounts/update-clerk.ts";
import { updateProfile } from "../services/accounts/update-profile.ts";
import { verifyEmail } from "../services/accounts/verify-email.ts";

export const RoleEnum = builder.enumType(Role, { name: "Role" });
export const AgendaEnum = builder.enumType(Agenda, {
  name: "Agenda",
  description: "A clerk's area of work; permissions are granted per agenda.",
});

/**
 * Granted by the fields that hand a user their own account before the request is signed in
 * (login, e-mail verification): the link or the password proves who they are.
 */
const OWN_ACCOUNT = "ownAccount";

// ---------------------------------------------------------------------------------------------
// Object types

export const UserRef = builder.prismaNode("User", {
  ...nodeLookup("User"),
  // A person's account is visible to that person and to admins of the municipality, no one else.
  authScopes: (user, ctx) => (ctx.viewer !== null && user.id === ctx.viewer.userId ? true : { admin: true, $granted: OWN_ACCOUNT }),
  fields: (t) => ({
    email: t.exposeString("email"),
    fullName: t.exposeString("fullName"),
    phone: t.exposeString("phone", { nullable: true }),
    locale: t.exposeString("locale"),
    role: t.expose("role", { type: RoleEnum }),
    agendas: t.expose("agendas", { type: [AgendaEnum] }),
    emailVerified: t.boolean({ select: { emailVerifiedAt: true }, resolve: (user) => user.emailVerifiedAt !== null }),
    disabled: t.boolean({ select: { disabledAt: true }, resolve: (user) => user.disabledAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const ApiTokenRef = builder.prismaNode("ApiToken", {
  ...nodeLookup("ApiToken"),
  description: "An integrator's token. The secret itself is shown once, when it is created.",
  authScopes: { admin: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The first characters of the token, to recognise it." }),
    scopes: t.exposeStringList("scopes"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaNode("OutboxMessage", {
  ...nodeLookup("OutboxMessage"),
  description: "An e-mail the portal sent (or, with no SMTP configured, keeps here).",
  authScopes: { admin: true },
  fields: (t) => ({
    toAddress: t.exposeString("toAddress"),
    subject: t.exposeString("subject"),
    textBody: t.exposeString("textBody"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
    transport: t.exposeString("transport"),
  }),
});

builder.prismaObject("AuditLogEntry", {
  description: "One security-relevant or clerk action: who, what, when, from where.",
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.id({ resolve: (entry) => entry.id.toString() }),
    action: t.exposeString("action"),
    actor: t.loadable({
      type: "String",
      nullable: true,
      description: "The acting person's e-mail or the integrator token's name.",
      resolve: (entry) => (entry.actorUserId ? `user:${entry.actorUserId}` : entry.actorTokenId ? `token:${entry.actorTokenId}` : null),
      load: async (keys: string[], ctx) => {
        const ids = (kind: string) => keys.filter((key) => key.startsWith(kind)).map((key) => key.slice(kind.length));
        const [users, tokens] = await Promise.all([
          ctx.db.user.findMany({ where: { id: { in: ids("user:") } }, select: { id: true, email: true } }),
          ctx.db.apiToken.findMany({ where: { id: { in: ids("token:") } }, select: { id: true, name: true } }),
        ]);
        const names = new Map<string, string>([
          ...users.map((user) => [`user:${user.id}`, user.email] as const),
          ...tokens.map((token) => [`token:${token.id}`, token.name] as const),
        ]);
        return keys.map((key) => names.get(key) ?? null);
      },
    }),
    subjectType: t.exposeString("subjectType", { nullable: true }),
    subjectId: t.exposeString("subjectId", { nullable: true }),
    ip: t.exposeString("ip", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Queries

builder.queryFields((t) => ({
  viewer: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in person; null when anonymous (and for API-token requests).",
    resolve: (query, _root, _args, ctx) => (ctx.viewer ? ctx.db.user.findUnique({ ...query, where: { id: ctx.viewer.userId } }) : null),
  }),
  clerks: t.prismaConnection(
    {
      type: "User",
      cursor: "id",
      authScopes: { admin: true },
      description: "Clerks and admins of this municipality.",
      resolve: (query, _root, _args, ctx) =>
        ctx.db.user.findMany({ ...query, where: { role: { in: ["CLERK", "ADMIN"] } }, orderBy: [{ fullName: "asc" }, { id: "asc" }] }),
    },
    { name: "UserConnection" },
    { name: "UserEdge" },
  ),
  apiTokens: t.prismaField({
    type: ["ApiToken"],
    authScopes: { admin: true },
    resolve: (query, _root, _args, ctx) => ctx.db.apiToken.findMany({ ...query, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
  }),
  apiTokenScopes: t.stringList({
    authScopes: { admin: true },
    description: "The scopes an API token may carry.",
    resolve: () => [...API_TOKEN_SCOPES],
  }),
  outbox: t.prismaConnection(
    {
      type: "OutboxMessage",
      cursor: "id",
      authScopes: { admin: true },
      description: "E-mails sent by the portal, newest first.",
      args: { to: t.arg.string({ required: false, description: "Only messages to this address." }) },
      resolve: (query, _root, args, ctx) =>
        ctx.db.outboxMessage.findMany({
          ...query,
          where: args.to ? { toAddress: args.to.trim().toLowerCase() } : {},
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "OutboxMessageConnection" },
    { name: "OutboxMessageEdge" },
  ),
  auditLog: t.prismaConnection(
    {
      type: "AuditLogEntry",
      cursor: "id",
      authScopes: { admin: true },
      description: "The audit log, newest first.",
      resolve: (query, _root, _args, ctx) => ctx.db.auditLogEntry.findMany({ ...query, orderBy: { id: "desc" } }),
    },
    { name: "AuditLogEntryConnection" },
    { name: "AuditLogEntryEdge" },
  ),
}));

// ---------------------------------------------------------------------------------------------
// Mutations: anyone

const RegisterInput = builder.inputType("RegisterInput", {
  fields: (t) => ({
    email: t.string(),
    password: t.string(),
    fullName: t.string(),
    phone: t.string({ required: false }),
    locale: t.string({ required: false, description: "cs or en; defaults to the request's language." }),
  }),
});

const RegisterSuccess = builder.objectRef<{ email: string }>("RegisterSuccess").implement({
  description:
    "The same answer whether or not the e-mail already had an account (no account enumeration): " +
    "either a verification e-mail or an 'you already have an account' e-mail is on its way.",
  fields: (t) => ({
    ok: t.boolean({ resolve: () => true }),
    email: t.exposeString("email", { description: "The normalized address the e-mail was sent to." }),
  }),
});

builder.mutationField("register", (t) =>
  t.field({
    type: RegisterSuccess,
    args: { input: t.arg({ type: RegisterInput, required: true }) },
    description: "Signs a citizen up. Too many sign-ups from one client address answer TooManyAttemptsError.",
    errors: { types: [ValidationError, TooManyAttemptsError], directResult: true },
    resolve: (_root, { input }, ctx) => registerCitizen(ctx, input),
  }),
);

const VerifyEmailInput = builder.inputType("VerifyEmailInput", { fields: (t) => ({ token: t.string() }) });

builder.mutationField("verifyEmail", (t) =>
  t.field({
    type: UserRef,
    args: { input: t.arg({ type: VerifyEmailInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "user", grantScopes: [OWN_ACCOUNT] } },
    resolve: (_root, { input }, ctx) => verifyEmail(ctx, input),
  }),
);

const LoginInput = builder.inputType("LoginInput", { fields: (t) => ({ email: t.string(), password: t.string() }) });

builder.mutationField("login", (t) =>
  t.field({
    type: UserRef,
    description: "Starts a session: sets the HttpOnly session cookie and the CSRF cookie to echo in x-csrf-token.",
    args: { input: t.arg({ type: LoginInput, required: true }) },
    errors: {
      types: [ValidationError, InvalidCredentialsError, TooManyAttemptsError],
      dataField: { name: "user", grantScopes: [OWN_ACCOUNT] },
    },
    resolve: (_root, { input }, ctx) => logIn(ctx, input),
  }),
);

builder.mutationField("logout", (t) =>
  t.boolean({
    errors: { types: [], dataField: { name: "ok" } },
    resolve: async (_root, _args, ctx) => {
      await logOut(ctx);
      return true;
    },
  }),
);

const RequestPasswordResetInput = builder.inputType("RequestPasswordResetInput", { fields: (t) => ({ email: t.string() }) });

builder.mutationField("requestPasswordReset", (t) =>
  t.boolean({
    description:
      "Always answers ok for a well-formed e-mail, whether or not it has an account (and whether or not the address's " +
      "e-mail limit sent anything); too many requests from one client address answer TooManyAttemptsError.",
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true }) },
    errors: { types: [ValidationError, TooManyAttemptsError], dataField: { name: "ok" } },
    resolve: async (_root, { input }, ctx) => {
      await requestPasswordReset(ctx, input);
      return true;
    },
  }),
);

const ResetPasswordInput = builder.inputType("ResetPasswordInput", { fields: (t) => ({ token: t.string(), newPassword: t.string() }) });

builder.mutationField("resetPassword", (t) =>
  t.boolean({
    args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "ok" } },
    resolve: async (_root, { input }, ctx) => {
      await resetPassword(ctx, input);
      return true;
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Mutations: signed-in people

const ChangePasswordInput = builder.inputType("ChangePasswordInput", {
  fields: (t) => ({ currentPassword: t.string(), newPassword: t.string() }),
});

builder.mutationField("changePassword", (t) =>
  t.boolean({
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "ok" } },
    resolve: async (_root, { input }, ctx) => {
      await changePassword(ctx, input);
      return true;
    },
  }),
);

const UpdateProfileInput = builder.inputType("UpdateProfileInput", {
  fields: (t) => ({ fullName: t.string(), phone: t.string({ required: false }), locale: t.string() }),
});

builder.mutationField("updateProfile", (t) =>
  t.field({
    type: UserRef,
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "user" } },
    resolve: (_root, { input }, ctx) => updateProfile(ctx, input),
  }),
);

// ---------------------------------------------------------------------------------------------
// Mutations: admins

const CreateClerkInput = builder.inputType("CreateClerkInput", {
  fields: (t) => ({
    email: t.string(),
    fullName: t.string(),
    role: t.field({ type: RoleEnum, description: "CLERK or ADMIN." }),
    agendas: t.field({ type: [AgendaEnum] }),
  }),
});

builder.mutationField("createClerk", (t) =>
  t.field({
    type: UserRef,
    description: "Creates a clerk or admin account without a password; the person gets an e-mail with a link to set one.",
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateClerkInput, required: true }) },
    errors: { types: [ValidationError, ForbiddenError], dataField: { name: "user" } },
    resolve: (_root, { input }, ctx) => createClerk(ctx, input),
  }),
);

const UpdateClerkInput = builder.inputType("UpdateClerkInput", {
  fields: (t) => ({
    id: t.globalID({ for: UserRef }),
    role: t.field({ type: RoleEnum, required: false, description: "CLERK or ADMIN." }),
    agendas: t.field({ type: [AgendaEnum], required: false }),
    disabled: t.boolean({ required: false, description: "A disabled account cannot log in; its sessions end." }),
  }),
});

builder.mutationField("updateClerk", (t) =>
  t.field({
    type: UserRef,
    authScopes: { admin: true },
    args: { input: t.arg({ type: UpdateClerkInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError], dataField: { name: "user" } },
    resolve: (_root, { input }, ctx) => updateClerk(ctx, { ...input, id: input.id.id }),
  }),
);

const CreateApiTokenInput = builder.inputType("CreateApiTokenInput", {
  fields: (t) => ({
    name: t.string(),
    scopes: t.stringList({ description: "A subset of Query.apiTokenScopes." }),
    expiresAt: t.field({ type: "DateTime", required: false }),
  }),
});

const CreateApiTokenSuccess = builder.objectRef<Awaited<ReturnType<typeof createApiToken>>>("CreateApiTokenSuccess").implement({
  fields: (t) => ({
    token: t.exposeString("token", { description: "The secret, shown only this once. Send it as Authorization: Bearer <token>." }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (result) => result.apiToken }),
  }),
});

builder.mutationField("createApiToken", (t) =>
  t.field({
    type: CreateApiTokenSuccess,
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    errors: { types: [ValidationError], directResult: true },
    resolve: (_root, { input }, ctx) => createApiToken(ctx, input),
  }),
);

const RevokeApiTokenInput = builder.inputType("RevokeApiTokenInput", { fields: (t) => ({ id: t.globalID({ for: ApiTokenRef }) }) });

builder.mutationField("revokeApiToken", (t) =>
  t.field({
    type: ApiTokenRef,
    authScopes: { admin: true },
    args: { input: t.arg({ type: RevokeApiTokenInput, required: true }) },
    errors: { types: [NotFoundError], dataField: { name: "apiToken" } },
    resolve: (_root, { input }, ctx) => revokeApiToken(ctx, { id: input.id.id }),
  }),
);
