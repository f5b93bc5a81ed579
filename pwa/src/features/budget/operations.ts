import { graphql } from "../../graphql/graphql.ts";

// The public budget: published data only, no login. Every query is cached in graphcache's offline store, so the
// views of a year opened online (and those prefetched with them, see use-budget-data.ts) open offline too.

export const BudgetAmountsFields = graphql(`
  fragment BudgetAmountsFields on BudgetAmounts @_unmask {
    approved
    amended
    actual
    executionPercent
  }
`);

/** Years with published data and what the view's selects offer. */
export const BudgetFrameQuery = graphql(`
  query BudgetFrame {
    budgetYears {
      year
      months
    }
    budgetOrganisations {
      id
      code
      name
      kind
    }
  }
`);

export const BudgetSummaryQuery = graphql(
  `
    query BudgetSummary($view: BudgetViewInput!) {
      budgetSummary(view: $view) {
        year
        asOfMonth
        publishedAt
        revenue {
          ...BudgetAmountsFields
        }
        expenditure {
          ...BudgetAmountsFields
        }
        financing {
          ...BudgetAmountsFields
        }
        balance {
          ...BudgetAmountsFields
        }
      }
    }
  `,
  [BudgetAmountsFields],
);

export const BudgetDrillDownQuery = graphql(
  `
    query BudgetDrillDown($view: BudgetViewInput!, $path: BudgetPathInput!, $by: BudgetDrillBy) {
      budgetDrillDown(view: $view, path: $path, by: $by) {
        level
        year
        asOfMonth
        publishedAt
        rows {
          code
          name
          approved
          amended
          actual
          executionPercent
          overspent
          unclassified
        }
        total {
          ...BudgetAmountsFields
        }
      }
    }
  `,
  [BudgetAmountsFields],
);

/** The same level in the comparison year (and this one), to set the compared year's amounts beside each row. */
export const BudgetComparisonQuery = graphql(`
  query BudgetComparison($view: BudgetComparisonViewInput!, $years: [Int!]!, $path: BudgetPathInput!, $by: BudgetDrillBy) {
    budgetComparison(view: $view, years: $years, path: $path, by: $by) {
      level
      years {
        year
        asOfMonth
        approved
        amended
        actual
        executionPercent
      }
      rows {
        code
        name
        years {
          year
          approved
          amended
          actual
        }
      }
    }
  }
`);

export const BudgetDocumentsQuery = graphql(`
  query BudgetDocuments($view: BudgetViewInput!, $path: BudgetPathInput!, $limit: Int) {
    budgetDocuments(view: $view, path: $path, limit: $limit) {
      totalCount
      hasMore
      nodes {
        id
        amountType
        org
        amount
        documentNumber
        documentType
        counterpartyIco
        invoice {
          id
          number
          supplierName
        }
      }
    }
  }
`);

export const BudgetMeasuresQuery = graphql(`
  query BudgetMeasures($year: Int!, $organisation: String) {
    budgetMeasures(year: $year, organisation: $organisation) {
      id
      number
      title
      approvedBy
      approvedOn
      organisation {
        id
        name
      }
      items {
        id
        amount
      }
    }
  }
`);

export const BudgetVersionsQuery = graphql(`
  query BudgetVersions($year: Int!) {
    budgetVersions(year: $year) {
      id
      month
      version
      publishedAt
      organisation {
        id
        name
      }
    }
  }
`);
