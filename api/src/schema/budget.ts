// Klikací rozpočet: the public drill-down over the town's budget and its execution (no login), the
// organisations' uploads, and the budget office's approval and publication. Resolvers check scope and call
// one service each; the rules live in services/budget. Public reads see published data only.
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { fromDateColumn } from "../domain/notice-window.ts";
import type { BudgetImportIssue } from "../domain/budget/import-rows.ts";
import { AppError, NotFoundError, ValidationError } from "../errors.ts";
import type { BudgetDataSet, BudgetMeasure, BudgetMeasureItem, BudgetOrganisation } from "../generated/prisma/client.ts";
import {
  BudgetAmountType,
  BudgetCodeKind,
  BudgetDataSetStatus,
  BudgetOrganisationKind,
  BudgetSourceFormat,
} from "../generated/prisma/enums.ts";
import { translate, type MessageKey } from "../i18n/messages.ts";
import { canManageBudget, memberOrganisationIds } from "../services/budget/budget-access.ts";
import { compareBudgetYears, MAX_COMPARED_YEARS, type ComparisonRow, type YearAmounts } from "../services/budget/compare-budget-years.ts";
import { decideBudgetDataSet } from "../services/budget/decide-budget-data-set.ts";
import { drillBudget, type BudgetAmounts, type BudgetDrillResult, type BudgetDrillRow } from "../services/budget/drill-budget.ts";
import { importBudgetData, type BudgetImportReport, type ImportBudgetDataResult } from "../services/budget/import-budget-data.ts";
import { listBudgetDocuments, type BudgetDocumentRow } from "../services/budget/list-budget-documents.ts";
import { listBudgetYears, type BudgetYearInfo } from "../services/budget/list-budget-years.ts";
import { loadBudgetCodelist } from "../services/budget/load-budget-codelist.ts";
import { createBudgetMeasure, MAX_MEASURE_ITEMS, publishBudgetMeasure } from "../services/budget/manage-budget-measures.ts";
import { saveBudgetOrganisation, setBudgetOrganisationMember } from "../services/budget/manage-budget-organisations.ts";
import {
  saveBudgetCodelistEntry,
  type BudgetCodelistEntryInput as BudgetCodelistEntryInputData,
} from "../services/budget/save-budget-codelist-entry.ts";
import { summarizeBudget, type BudgetSummaryResult } from "../services/budget/summarize-budget.ts";
import { InvoiceRef } from "./registers.ts";

const BUDGET_OFFICE = { agenda: "BUDGET" } as const;

/** Query input problems become top-level errors in the request's language (queries have no result unions). */
async function query<T>(ctx: Context, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationError) {
      const issue = error.issues[0]!;
      throw new GraphQLError(`${issue.path.join(".")}: ${translate(ctx.locale, issue.messageKey, issue.params)}`, {
        extensions: { code: "BAD_USER_INPUT", field: issue.path },
      });
    }
    if (error instanceof AppError) {
      throw new GraphQLError(error.localizedMessage(ctx.locale), { extensions: { code: error.code } });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Enums and inputs

const BudgetSideEnum = builder.enumType("BudgetSide", {
  values: ["REVENUE", "EXPENDITURE", "FINANCING"] as const,
  description: "REVENUE: položka classes 1-4; EXPENDITURE: classes 5-6; FINANCING: class 8, positive when it brings money into the budget.",
});
const BudgetAmountTypeEnum = builder.enumType(BudgetAmountType, {
  name: "BudgetAmountType",
  description: "Explicit on every line, never inferred from a code: APPROVED (schválený), AMENDED (po změnách), ACTUAL (skutečnost).",
});
const BudgetOrganisationKindEnum = builder.enumType(BudgetOrganisationKind, {
  name: "BudgetOrganisationKind",
  description: "TOWN: the town's own budget; CONTRIBUTORY: a příspěvková organizace; DISTRICT: a city district.",
});
const BudgetDataSetStatusEnum = builder.enumType(BudgetDataSetStatus, {
  name: "BudgetDataSetStatus",
  description: "DRAFT: uploaded; APPROVED: checked by the budget office, not public; PUBLISHED: public (kept as a version); REJECTED.",
});
const BudgetSourceFormatEnum = builder.enumType(BudgetSourceFormat, { name: "BudgetSourceFormat" });
const BudgetDrillByEnum = builder.enumType("BudgetDrillBy", {
  values: ["CLASSIFICATION", "ORJ", "ORG", "ORGANISATION"] as const,
  description: "What the rows are: the next level of the budget classification, departments (ORJ), actions (ORG/akce) or organisations.",
});
const BudgetDrillLevelEnum = builder.enumType("BudgetDrillLevel", {
  values: ["GROUP", "PARAGRAF", "POLOZKA", "ORG", "ORJ", "ORGANISATION"] as const,
});
const BudgetSortFieldEnum = builder.enumType("BudgetSortField", {
  values: ["CODE", "APPROVED", "AMENDED", "ACTUAL", "EXECUTION"] as const,
});
const BudgetFinancingSignEnum = builder.enumType("BudgetFinancingSign", {
  values: ["AS_FIN", "INVERTED"] as const,
  description:
    "AS_FIN: class 8 as FIN 2-12 M writes it (positive = money into the budget); INVERTED: the source writes it the other way round.",
});
const BudgetIssueSeverityEnum = builder.enumType("BudgetIssueSeverity", { values: ["ERROR", "WARNING"] as const });

const BudgetViewInput = builder.inputType("BudgetViewInput", {
  description: "What to look at; the same parameters make the shareable URL and the exports.",
  fields: (t) => ({
    year: t.int(),
    month: t.int({ required: false, description: "The year to date as of this month; default: the latest month published." }),
    organisation: t.string({ required: false, description: "An organisation's code; default: the town with all its organisations." }),
    consolidated: t.boolean({
      required: false,
      defaultValue: true,
      description: "Leave out transfers between the town's own accounts and funds (default true).",
    }),
    asOf: t.field({ type: "DateTime", required: false, description: "The version published as of this moment; default: the current one." }),
    dataSetId: t.id({ required: false, description: "Preview of one data set before it is public (the budget office and its uploader)." }),
  }),
});

const BudgetComparisonViewInput = builder.inputType("BudgetComparisonViewInput", {
  fields: (t) => ({
    month: t.int({ required: false, description: "Compare every year as of this month; default: each year's latest published month." }),
    organisation: t.string({ required: false }),
    consolidated: t.boolean({ required: false, defaultValue: true }),
    asOf: t.field({ type: "DateTime", required: false }),
  }),
});

const BudgetPathInput = builder.inputType("BudgetPathInput", {
  description: 'Where in the drill-down: a side of the budget, narrowed by any of the codes ("UNCLASSIFIED" for the Nezařazeno bucket).',
  fields: (t) => ({
    side: t.field({ type: BudgetSideEnum }),
    group: t.string({
      required: false,
      description: "Expenditure: the paragraf's first two digits (oddíl); revenue and financing: the položka's (seskupení).",
    }),
    paragraf: t.string({ required: false }),
    polozka: t.string({ required: false }),
    orj: t.string({ required: false, description: 'Department (ORJ); "" for lines without one.' }),
    org: t.string({ required: false, description: 'Action (ORG/akce); "" for lines without one.' }),
    organisation: t.string({ required: false, description: "An organisation's code." }),
  }),
});

const BudgetSortInput = builder.inputType("BudgetSortInput", {
  fields: (t) => ({
    field: t.field({ type: BudgetSortFieldEnum }),
    descending: t.boolean({ required: false, defaultValue: false }),
  }),
});

type ViewArgs = {
  year: number;
  month?: number | null;
  organisation?: string | null;
  consolidated?: boolean | null;
  asOf?: Date | null;
  dataSetId?: string | number | null;
};
const viewOf = (view: ViewArgs) => ({ ...view, dataSetId: view.dataSetId == null ? null : String(view.dataSetId) });

// ---------------------------------------------------------------------------------------------
// Object types

const BudgetAmountsRef = builder.objectRef<BudgetAmounts>("BudgetAmounts").implement({
  description: "Approved, amended and actual, never added together; haléře as Money.",
  fields: (t) => ({
    approved: t.field({ type: "Money", resolve: (a) => a.approved }),
    amended: t.field({ type: "Money", resolve: (a) => a.amended }),
    actual: t.field({ type: "Money", resolve: (a) => a.actual }),
    executionPercent: t.float({
      nullable: true,
      description: "Actual as a percentage of the amended budget (one decimal); null when nothing is amended.",
      resolve: (a) => (a.amended === 0n ? null : Math.round((Number(a.actual) / Number(a.amended)) * 1000) / 10),
    }),
    amendedChangePercent: t.float({
      nullable: true,
      description: "How much the amended budget differs from the approved one, in per cent.",
      resolve: (a) => (a.approved === 0n ? null : Math.round((Number(a.amended - a.approved) / Number(a.approved)) * 1000) / 10),
    }),
  }),
});

export const BudgetOrganisationRef = builder.prismaObject("BudgetOrganisation", {
  description: "The town itself, a city district or a příspěvková organizace: whose data a line is.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: BudgetOrganisationKindEnum }),
    code: t.exposeString("code", { description: "Short code used in URLs and in import files." }),
    name: t.exposeString("name"),
    ico: t.exposeString("ico", { nullable: true }),
    consolidated: t.exposeBoolean("consolidated"),
    members: t.field({
      type: [BudgetOrganisationMemberRef],
      authScopes: BUDGET_OFFICE,
      nullable: true,
      unauthorizedResolver: () => null,
      description: "Who uploads its data (the budget office only).",
      resolve: async (organisation, _args, ctx) =>
        (
          await ctx.db.budgetOrganisationMember.findMany({
            where: { organisationId: organisation.id },
            include: { user: { select: { email: true, fullName: true } } },
            orderBy: { createdAt: "asc" },
            take: 100,
          })
        ).map((m) => ({ userId: m.userId, email: m.user.email, fullName: m.user.fullName })),
    }),
  }),
});

const BudgetOrganisationMemberRef = builder
  .objectRef<{ userId: string; email: string; fullName: string }>("BudgetOrganisationMember")
  .implement({
    fields: (t) => ({
      userId: t.exposeID("userId"),
      email: t.exposeString("email"),
      fullName: t.exposeString("fullName"),
    }),
  });

const BudgetSummaryRef = builder.objectRef<BudgetSummaryResult>("BudgetSummary").implement({
  description: "Revenue against expenditure and how the balance is financed (class 8 separately).",
  fields: (t) => ({
    year: t.int({ resolve: (s) => s.selection.view.year }),
    asOfMonth: t.int({
      nullable: true,
      description: "The latest month the data are as of; null when nothing is published.",
      resolve: (s) => s.selection.asOfMonth,
    }),
    publishedAt: t.field({ type: "DateTime", nullable: true, resolve: (s) => s.selection.publishedAt }),
    revenue: t.field({ type: BudgetAmountsRef, resolve: (s) => s.revenue }),
    expenditure: t.field({ type: BudgetAmountsRef, resolve: (s) => s.expenditure }),
    financing: t.field({ type: BudgetAmountsRef, resolve: (s) => s.financing }),
    balance: t.field({
      type: BudgetAmountsRef,
      description: "Revenue − expenditure; + financing = 0 when balanced.",
      resolve: (s) => s.balance,
    }),
    unclassified: t.field({
      type: BudgetAmountsRef,
      description: "Lines whose položka has no valid class.",
      resolve: (s) => s.unclassified,
    }),
  }),
});

const BudgetDrillRowRef = builder.objectRef<BudgetDrillRow>("BudgetDrillRow").implement({
  fields: (t) => ({
    code: t.exposeString("code", { description: '"UNCLASSIFIED" for the Nezařazeno bucket; "" for lines without an ORJ/ORG.' }),
    name: t.exposeString("name"),
    approved: t.field({ type: "Money", resolve: (r) => r.approved }),
    amended: t.field({ type: "Money", resolve: (r) => r.amended }),
    actual: t.field({ type: "Money", resolve: (r) => r.actual }),
    executionPercent: t.exposeFloat("executionPercent", { nullable: true }),
    amendedChangePercent: t.exposeFloat("amendedChangePercent", { nullable: true }),
    sharePercent: t.exposeFloat("sharePercent", { nullable: true, description: "Share of the level's total (amended, or approved)." }),
    overspent: t.exposeBoolean("overspent", { description: "Expenditure whose actual exceeds its amended budget." }),
    unclassified: t.boolean({ resolve: (r) => r.code === "UNCLASSIFIED" }),
  }),
});

const BudgetDrillDownRef = builder.objectRef<BudgetDrillResult>("BudgetDrillDown").implement({
  fields: (t) => ({
    level: t.field({ type: BudgetDrillLevelEnum, resolve: (r) => r.level }),
    rows: t.field({ type: [BudgetDrillRowRef], resolve: (r) => r.rows }),
    total: t.field({ type: BudgetAmountsRef, resolve: (r) => r.total }),
    year: t.int({ resolve: (r) => r.selection.view.year }),
    asOfMonth: t.int({ nullable: true, resolve: (r) => r.selection.asOfMonth }),
    publishedAt: t.field({ type: "DateTime", nullable: true, resolve: (r) => r.selection.publishedAt }),
  }),
});

const BudgetDocumentRef = builder.objectRef<BudgetDocumentRow>("BudgetDocument").implement({
  description: "One line of the accounting export: the last level of the drill-down.",
  fields: (t) => ({
    id: t.id({ resolve: (d) => String(d.id) }),
    amountType: t.field({ type: BudgetAmountTypeEnum, resolve: (d) => d.amountType }),
    paragraf: t.exposeString("paragraf"),
    polozka: t.exposeString("polozka"),
    orj: t.exposeString("orj", { nullable: true }),
    org: t.exposeString("org", { nullable: true }),
    uz: t.exposeString("uz", { nullable: true, description: "Účelový znak." }),
    amount: t.field({ type: "Money", resolve: (d) => d.amount }),
    documentNumber: t.exposeString("documentNumber", { nullable: true }),
    documentType: t.exposeString("documentType", { nullable: true }),
    counterpartyIco: t.exposeString("counterpartyIco", { nullable: true }),
    invoice: t.field({
      type: InvoiceRef,
      nullable: true,
      description: "The published invoice of the registers with this document number.",
      resolve: (d) => d.invoice,
    }),
  }),
});

const BudgetDocumentPageRef = builder
  .objectRef<{ rows: BudgetDocumentRow[]; totalCount: number; limit: number; offset: number }>("BudgetDocumentPage")
  .implement({
    fields: (t) => ({
      nodes: t.field({ type: [BudgetDocumentRef], resolve: (p) => p.rows }),
      totalCount: t.exposeInt("totalCount"),
      hasMore: t.boolean({ resolve: (p) => p.offset + p.rows.length < p.totalCount }),
    }),
  });

const BudgetYearRef = builder.objectRef<BudgetYearInfo>("BudgetYear").implement({
  fields: (t) => ({
    year: t.exposeInt("year"),
    months: t.exposeIntList("months", { description: "Months with published data, ascending." }),
  }),
});

const BudgetYearAmountsRef = builder.objectRef<YearAmounts>("BudgetYearAmounts").implement({
  fields: (t) => ({
    year: t.exposeInt("year"),
    asOfMonth: t.exposeInt("asOfMonth", { nullable: true }),
    approved: t.field({ type: "Money", resolve: (a) => a.approved }),
    amended: t.field({ type: "Money", resolve: (a) => a.amended }),
    actual: t.field({ type: "Money", resolve: (a) => a.actual }),
    executionPercent: t.exposeFloat("executionPercent", { nullable: true }),
  }),
});

const BudgetComparisonRowRef = builder.objectRef<ComparisonRow>("BudgetComparisonRow").implement({
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    years: t.field({ type: [BudgetYearAmountsRef], resolve: (r) => r.years }),
    actualChangePercent: t.exposeFloat("actualChangePercent", {
      nullable: true,
      description: "Actual, last year against the first, in per cent.",
    }),
  }),
});

const BudgetComparisonRef = builder.objectRef<Awaited<ReturnType<typeof compareBudgetYears>>>("BudgetComparison").implement({
  fields: (t) => ({
    level: t.field({ type: BudgetDrillLevelEnum, resolve: (c) => c.level }),
    years: t.field({ type: [BudgetYearAmountsRef], description: "Each year's total.", resolve: (c) => c.years }),
    rows: t.field({ type: [BudgetComparisonRowRef], resolve: (c) => c.rows }),
  }),
});

const issueMessage = (issue: BudgetImportIssue, ctx: Context) =>
  translate(ctx.locale, issue.code as MessageKey, { column: issue.column ?? "", value: issue.value ?? "" });

const BudgetImportIssueRef = builder.objectRef<BudgetImportIssue>("BudgetImportIssue").implement({
  description: "A problem of one row of an uploaded file; errors keep the file out, warnings (unknown codes) go to Nezařazeno.",
  fields: (t) => ({
    row: t.exposeInt("row", { description: "The line (CSV, KXX) or row (XLSX) as the file's editor shows it." }),
    column: t.exposeString("column", { nullable: true }),
    code: t.exposeString("code"),
    severity: t.field({ type: BudgetIssueSeverityEnum, resolve: (i) => (i.severity === "error" ? "ERROR" : "WARNING") }),
    value: t.exposeString("value", { nullable: true }),
    message: t.string({ resolve: (i, _args, ctx) => issueMessage(i, ctx) }),
  }),
});

const summaryAmounts = (s: { approved: number; amended: number; actual: number }): BudgetAmounts => ({
  approved: BigInt(s.approved),
  amended: BigInt(s.amended),
  actual: BigInt(s.actual),
});

const BudgetImportReportRef = builder.objectRef<BudgetImportReport>("BudgetImportReport").implement({
  fields: (t) => ({
    format: t.field({ type: BudgetSourceFormatEnum, resolve: (r) => r.format }),
    layout: t.exposeString("layout", { description: "LONG: one amount with its type per row; WIDE: the FIN 2-12 M columns." }),
    lineCount: t.exposeInt("lineCount"),
    skippedLines: t.exposeInt("skippedLines", { description: "Source lines that are no budget lines (KXX balance-sheet postings)." }),
    errorCount: t.exposeInt("errorCount"),
    warningCount: t.exposeInt("warningCount"),
    issues: t.field({ type: [BudgetImportIssueRef], description: "At most 500, errors first by row.", resolve: (r) => r.issues }),
    amountTypes: t.field({ type: [BudgetAmountTypeEnum], resolve: (r) => r.amountTypes }),
    revenue: t.field({ type: BudgetAmountsRef, resolve: (r) => summaryAmounts(r.totals.revenue) }),
    expenditure: t.field({ type: BudgetAmountsRef, resolve: (r) => summaryAmounts(r.totals.expenditure) }),
    financing: t.field({ type: BudgetAmountsRef, resolve: (r) => summaryAmounts(r.totals.financing) }),
    balance: t.field({ type: BudgetAmountsRef, resolve: (r) => summaryAmounts(r.totals.balance) }),
  }),
});

/** Who may see a data set that is not public: the budget office, and the organisation's uploaders. */
async function maySeeDataSet(ctx: Context, dataSet: BudgetDataSet): Promise<boolean> {
  if (dataSet.status === "PUBLISHED" || canManageBudget(ctx)) return true;
  return (await memberOrganisationIds(ctx)).includes(dataSet.organisationId);
}

export const BudgetDataSetRef = builder.prismaObject("BudgetDataSet", {
  description: "One upload of one organisation × year × month; a published one is a version that stays available.",
  fields: (t) => ({
    id: t.exposeID("id"),
    organisation: t.relation("organisation"),
    year: t.exposeInt("year"),
    month: t.exposeInt("month"),
    version: t.exposeInt("version"),
    status: t.expose("status", { type: BudgetDataSetStatusEnum }),
    format: t.expose("format", { type: BudgetSourceFormatEnum }),
    fileName: t.exposeString("fileName"),
    amountTypes: t.field({ type: [BudgetAmountTypeEnum], resolve: (d) => d.amountTypes }),
    lineCount: t.exposeInt("lineCount"),
    warningCount: t.exposeInt("warningCount"),
    warnings: t.field({
      type: [BudgetImportIssueRef],
      description: "Unknown codes found at import (at most 500).",
      resolve: (d) => (d.warnings as unknown as BudgetImportIssue[]).slice(0, 500),
    }),
    note: t.exposeString("note", { nullable: true }),
    uploadedAt: t.expose("uploadedAt", { type: "DateTime" }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    rejectedAt: t.expose("rejectedAt", { type: "DateTime", nullable: true }),
    rejectReason: t.exposeString("rejectReason", { nullable: true }),
  }),
});

const BudgetMeasureItemRef = builder.prismaObject("BudgetMeasureItem", {
  fields: (t) => ({
    id: t.exposeID("id"),
    paragraf: t.exposeString("paragraf"),
    polozka: t.exposeString("polozka"),
    orj: t.exposeString("orj", { nullable: true }),
    org: t.exposeString("org", { nullable: true }),
    uz: t.exposeString("uz", { nullable: true }),
    amount: t.field({ type: "Money", description: "The change, + or −.", resolve: (i) => i.amount }),
  }),
});

const BudgetMeasureRef = builder.prismaObject("BudgetMeasure", {
  description: "Rozpočtové opatření: an approved change of the budget, explaining amended against approved.",
  fields: (t) => ({
    id: t.exposeID("id"),
    organisation: t.relation("organisation"),
    year: t.exposeInt("year"),
    number: t.exposeString("number"),
    title: t.exposeString("title"),
    approvedBy: t.exposeString("approvedBy", { description: "Rada, zastupitelstvo or starosta." }),
    approvedOn: t.field({ type: "Date", resolve: (m) => fromDateColumn(m.approvedOn) }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    items: t.relation("items", { query: { orderBy: [{ paragraf: "asc" }, { polozka: "asc" }], take: MAX_MEASURE_ITEMS } }),
  }),
});
void BudgetMeasureItemRef;

// ---------------------------------------------------------------------------------------------
// Public queries

builder.queryField("budgetYears", (t) =>
  t.field({
    type: [BudgetYearRef],
    description: "Years and months with published budget data, newest year first.",
    resolve: (_root, _args, ctx) => listBudgetYears(ctx),
  }),
);

builder.queryField("budgetOrganisations", (t) =>
  t.prismaField({
    type: [BudgetOrganisationRef],
    description: "The town and its organisations (districts, příspěvkové organizace).",
    resolve: (q, _root, _args, ctx) => ctx.db.budgetOrganisation.findMany({ ...q, orderBy: [{ kind: "asc" }, { name: "asc" }], take: 500 }),
  }),
);

builder.queryField("budgetSummary", (t) =>
  t.field({
    type: BudgetSummaryRef,
    description: "Revenue, expenditure, financing and the balance of a view.",
    args: { view: t.arg({ type: BudgetViewInput, required: true }) },
    resolve: (_root, { view }, ctx) => query(ctx, () => summarizeBudget(ctx, { view: viewOf(view) })),
  }),
);

builder.queryField("budgetDrillDown", (t) =>
  t.field({
    type: BudgetDrillDownRef,
    description: 'One level of the drill-down; its rows always add up to its total (unknown codes in "UNCLASSIFIED").',
    args: {
      view: t.arg({ type: BudgetViewInput, required: true }),
      path: t.arg({ type: BudgetPathInput, required: true }),
      by: t.arg({ type: BudgetDrillByEnum, required: false, defaultValue: "CLASSIFICATION" }),
      sort: t.arg({ type: BudgetSortInput, required: false }),
    },
    resolve: (_root, { view, path, by, sort }, ctx) =>
      query(ctx, () =>
        drillBudget(ctx, { view: viewOf(view), path, by, sort: sort ? { field: sort.field, descending: sort.descending ?? false } : null }),
      ),
  }),
);

builder.queryField("budgetDocuments", (t) =>
  t.field({
    type: BudgetDocumentPageRef,
    description: "The documents under one položka of a view, with the registers' invoices where linked.",
    args: {
      view: t.arg({ type: BudgetViewInput, required: true }),
      path: t.arg({ type: BudgetPathInput, required: true }),
      limit: t.arg.int({ required: false, defaultValue: 50 }),
      offset: t.arg.int({ required: false, defaultValue: 0 }),
    },
    resolve: (_root, { view, path, limit, offset }, ctx) =>
      query(ctx, async () => {
        if (!path.polozka) throw ValidationError.field("polozka", "field.budgetCode");
        const page = await listBudgetDocuments(ctx, { view: viewOf(view), ...path, polozka: path.polozka, limit, offset });
        return { ...page, limit: limit ?? 50, offset: offset ?? 0 };
      }),
  }),
);

builder.queryField("budgetComparison", (t) =>
  t.field({
    type: BudgetComparisonRef,
    description: "One level of the drill-down for several years side by side.",
    args: {
      view: t.arg({ type: BudgetComparisonViewInput, required: true }),
      years: t.arg.intList({ required: true, extensions: { maxItems: MAX_COMPARED_YEARS } }),
      path: t.arg({ type: BudgetPathInput, required: true }),
      by: t.arg({ type: BudgetDrillByEnum, required: false, defaultValue: "CLASSIFICATION" }),
    },
    resolve: (_root, { view, years, path, by }, ctx) => query(ctx, () => compareBudgetYears(ctx, { view, years, path, by })),
  }),
);

builder.queryField("budgetMeasures", (t) =>
  t.prismaField({
    type: [BudgetMeasureRef],
    description: "Budget measures (rozpočtová opatření) of a year: the public sees published ones, the budget office all.",
    args: { year: t.arg.int({ required: true }), organisation: t.arg.string({ required: false }) },
    resolve: (q, _root, { year, organisation }, ctx) =>
      ctx.db.budgetMeasure.findMany({
        ...q,
        where: {
          year,
          ...(canManageBudget(ctx) ? {} : { publishedAt: { not: null } }),
          ...(organisation ? { organisation: { code: organisation } } : {}),
        },
        orderBy: [{ approvedOn: "asc" }, { number: "asc" }],
        take: 200,
      }),
  }),
);

builder.queryField("budgetVersions", (t) =>
  t.prismaField({
    type: [BudgetDataSetRef],
    description: "Every published version of a year's data, newest first: view one with BudgetViewInput.asOf = its publishedAt.",
    args: { year: t.arg.int({ required: true }), limit: t.arg.int({ required: false, defaultValue: 100 }) },
    resolve: (q, _root, { year, limit }, ctx) =>
      ctx.db.budgetDataSet.findMany({
        ...q,
        where: { year, status: "PUBLISHED" },
        orderBy: [{ publishedAt: "desc" }, { month: "desc" }],
        take: Math.min(Math.max(limit ?? 100, 1), 100),
      }),
  }),
);

// ---------------------------------------------------------------------------------------------
// Uploaders and the budget office

builder.queryField("myBudgetOrganisations", (t) =>
  t.prismaField({
    type: [BudgetOrganisationRef],
    description: "The organisations whose data the viewer may upload (the budget office: all).",
    authScopes: { authenticated: true },
    resolve: async (q, _root, _args, ctx) =>
      ctx.db.budgetOrganisation.findMany({
        ...q,
        where: canManageBudget(ctx) ? {} : { id: { in: await memberOrganisationIds(ctx) } },
        orderBy: [{ kind: "asc" }, { name: "asc" }],
        take: 500,
      }),
  }),
);

builder.queryField("budgetDataSets", (t) =>
  t.prismaField({
    type: [BudgetDataSetRef],
    description: "Uploaded data sets, newest first: the budget office sees all, an organisation's uploader its own.",
    authScopes: { authenticated: true },
    args: {
      status: t.arg({ type: BudgetDataSetStatusEnum, required: false }),
      year: t.arg.int({ required: false }),
      organisationId: t.arg.id({ required: false }),
      limit: t.arg.int({ required: false, defaultValue: 50 }),
      offset: t.arg.int({ required: false, defaultValue: 0 }),
    },
    resolve: async (q, _root, args, ctx) => {
      const own = canManageBudget(ctx) ? null : await memberOrganisationIds(ctx);
      const requested = args.organisationId ? String(args.organisationId) : null;
      const organisationFilter =
        own === null
          ? requested
            ? { organisationId: requested }
            : {}
          : { organisationId: { in: requested ? own.filter((id) => id === requested) : own } };
      return ctx.db.budgetDataSet.findMany({
        ...q,
        where: { ...organisationFilter, ...(args.status ? { status: args.status } : {}), ...(args.year ? { year: args.year } : {}) },
        orderBy: [{ uploadedAt: "desc" }],
        take: Math.min(Math.max(args.limit ?? 50, 1), 100),
        skip: Math.min(Math.max(args.offset ?? 0, 0), 100_000),
      });
    },
  }),
);

builder.queryField("budgetDataSet", (t) =>
  t.prismaField({
    type: BudgetDataSetRef,
    nullable: true,
    description: "One data set: public when published, otherwise for the budget office and its uploader.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (q, _root, { id }, ctx) => {
      const text = String(id);
      if (!/^[0-9a-f-]{36}$/i.test(text)) return null;
      const dataSet = await ctx.db.budgetDataSet.findUnique({ ...q, where: { id: text } });
      return dataSet && (await maySeeDataSet(ctx, dataSet)) ? dataSet : null;
    },
  }),
);

const ImportBudgetDataInput = builder.inputType("ImportBudgetDataInput", {
  fields: (t) => ({
    organisationId: t.id(),
    year: t.int(),
    month: t.int({ description: "The month the file's year-to-date figures are as of (1-12)." }),
    file: t.field({
      type: "File",
      description:
        "CSV (column aliases; UTF-8 or windows-1250), XLSX, the FIN 2-12 M layout, or KXX (GINIS, VERA); at most 40 MB and 500 000 rows.",
    }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: "Only report; store nothing." }),
    financingSign: t.field({ type: BudgetFinancingSignEnum, required: false, defaultValue: "AS_FIN" }),
    note: t.string({ required: false }),
  }),
});

const ImportBudgetDataPayloadRef = builder.objectRef<ImportBudgetDataResult>("ImportBudgetDataPayload").implement({
  fields: (t) => ({
    report: t.field({ type: BudgetImportReportRef, resolve: (r) => r.report }),
    dataSet: t.field({
      type: BudgetDataSetRef,
      nullable: true,
      description: "The new draft; null on a dry run or when the file has errors.",
      resolve: (r) => r.dataSet,
    }),
    replayed: t.boolean({
      description: "The same file was uploaded for this period before: nothing new was made.",
      resolve: (r) => r.replayed,
    }),
  }),
});

builder.mutationField("importBudgetData", (t) =>
  t.field({
    type: ImportBudgetDataPayloadRef,
    description: "Uploads one organisation × year × month: a row-level report, and (unless a dry run or with errors) a draft for approval.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ImportBudgetDataInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true },
    resolve: (_root, { input }, ctx) => importBudgetData(ctx, { ...input, organisationId: String(input.organisationId) }),
  }),
);

for (const [name, decision, description] of [
  ["approveBudgetDataSet", "APPROVE", "Approves a draft (not public yet)."],
  ["publishBudgetDataSet", "PUBLISH", "Publishes an approved data set; the period's earlier version stays available."],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: BudgetDataSetRef,
      description,
      authScopes: BUDGET_OFFICE,
      args: { id: t.arg.id({ required: true }) },
      errors: { types: [ValidationError, NotFoundError], dataField: { name: "dataSet" } },
      resolve: (_root, { id }, ctx) => decideBudgetDataSet(ctx, { id: String(id), decision }),
    }),
  );
}

builder.mutationField("rejectBudgetDataSet", (t) =>
  t.field({
    type: BudgetDataSetRef,
    description: "Rejects a draft or an approved data set, with a reason for its uploader.",
    authScopes: BUDGET_OFFICE,
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "dataSet" } },
    resolve: (_root, { id, reason }, ctx) => decideBudgetDataSet(ctx, { id: String(id), decision: "REJECT", reason }),
  }),
);

const BudgetOrganisationInput = builder.inputType("BudgetOrganisationInput", {
  fields: (t) => ({
    id: t.id({ required: false, description: "Omit to create." }),
    kind: t.field({ type: BudgetOrganisationKindEnum }),
    code: t.string({ description: "Lower-case letters, digits and -, up to 30." }),
    name: t.string(),
    ico: t.string({ required: false }),
    consolidated: t.boolean({ required: false, defaultValue: true }),
  }),
});

builder.mutationField("saveBudgetOrganisation", (t) =>
  t.field({
    type: BudgetOrganisationRef,
    authScopes: BUDGET_OFFICE,
    args: { input: t.arg({ type: BudgetOrganisationInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "organisation" } },
    resolve: (_root, { input }, ctx) => saveBudgetOrganisation(ctx, { ...input, id: input.id == null ? null : String(input.id) }),
  }),
);

builder.mutationField("setBudgetOrganisationMember", (t) =>
  t.field({
    type: BudgetOrganisationRef,
    description: "Lets the town's user with this e-mail upload the organisation's data (member: true), or stops it.",
    authScopes: BUDGET_OFFICE,
    args: {
      organisationId: t.arg.id({ required: true }),
      email: t.arg.string({ required: true }),
      member: t.arg.boolean({ required: true }),
    },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "organisation" } },
    resolve: (_root, { organisationId, email, member }, ctx) =>
      setBudgetOrganisationMember(ctx, { organisationId: String(organisationId), email, member }),
  }),
);

const BudgetMeasureItemInput = builder.inputType("BudgetMeasureItemInput", {
  fields: (t) => ({
    paragraf: t.string(),
    polozka: t.string(),
    orj: t.string({ required: false }),
    org: t.string({ required: false }),
    uz: t.string({ required: false }),
    amount: t.field({ type: "Money", description: "The change, + or −." }),
  }),
});

const BudgetMeasureInput = builder.inputType("BudgetMeasureInput", {
  fields: (t) => ({
    organisationId: t.id(),
    year: t.int(),
    number: t.string({ description: "e.g. RO 3/2026." }),
    title: t.string(),
    approvedBy: t.string({ description: "Rada, zastupitelstvo or starosta." }),
    approvedOn: t.field({ type: "Date" }),
    items: t.field({ type: [BudgetMeasureItemInput], extensions: { maxItems: MAX_MEASURE_ITEMS } }),
  }),
});

builder.mutationField("createBudgetMeasure", (t) =>
  t.field({
    type: BudgetMeasureRef,
    authScopes: BUDGET_OFFICE,
    args: { input: t.arg({ type: BudgetMeasureInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "measure" } },
    resolve: (_root, { input }, ctx) => createBudgetMeasure(ctx, { ...input, organisationId: String(input.organisationId) }),
  }),
);

builder.mutationField("publishBudgetMeasure", (t) =>
  t.field({
    type: BudgetMeasureRef,
    authScopes: BUDGET_OFFICE,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], dataField: { name: "measure" } },
    resolve: (_root, { id }, ctx) => publishBudgetMeasure(ctx, String(id)),
  }),
);

// ---------------------------------------------------------------------------------------------
// The town's codelist additions

const BudgetCodeKindEnum = builder.enumType(BudgetCodeKind, { name: "BudgetCodeKind" });

const BudgetCodelistEntryRef = builder.prismaObject("BudgetCodelistEntry", {
  description: "A town's addition to the built-in codelist of paragraf and položka, valid from a date (and until one).",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: BudgetCodeKindEnum }),
    code: t.exposeString("code"),
    nameCs: t.exposeString("nameCs"),
    nameEn: t.exposeString("nameEn"),
    validFrom: t.field({ type: "Date", resolve: (e) => fromDateColumn(e.validFrom) }),
    validTo: t.field({ type: "Date", nullable: true, resolve: (e) => (e.validTo ? fromDateColumn(e.validTo) : null) }),
  }),
});

builder.queryField("budgetCodelistEntries", (t) =>
  t.prismaField({
    type: [BudgetCodelistEntryRef],
    description: "The town's additions to the built-in codelist.",
    resolve: (q, _root, _args, ctx) =>
      ctx.db.budgetCodelistEntry.findMany({ ...q, orderBy: [{ kind: "asc" }, { code: "asc" }, { validFrom: "asc" }], take: 500 }),
  }),
);

const BudgetCodelistEntryInput = builder.inputType("BudgetCodelistEntryInput", {
  fields: (t) => ({
    kind: t.field({ type: BudgetCodeKindEnum }),
    code: t.string({ description: "1, 2 or 4 digits (groups have fewer)." }),
    nameCs: t.string(),
    nameEn: t.string(),
    validFrom: t.field({ type: "Date" }),
    validTo: t.field({ type: "Date", required: false }),
  }),
});

builder.mutationField("saveBudgetCodelistEntry", (t) =>
  t.field({
    type: BudgetCodelistEntryRef,
    description: "Adds a code to the town's codelist; the aggregates of every import are then rebuilt in the background.",
    authScopes: BUDGET_OFFICE,
    args: { input: t.arg({ type: BudgetCodelistEntryInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "entry" } },
    resolve: (_root, { input }, ctx) => saveBudgetCodelistEntry(ctx, input as BudgetCodelistEntryInputData),
  }),
);

export type { BudgetMeasure, BudgetMeasureItem, BudgetOrganisation };
void loadBudgetCodelist;
