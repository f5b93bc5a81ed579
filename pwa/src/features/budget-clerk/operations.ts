import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

// The budget office (clerks with the BUDGET agenda) and the organisations' uploaders: uploads with a dry run,
// approval and publication. The API decides who sees and touches which organisation's data.

export const BudgetAmountsCells = graphql(`
  fragment BudgetAmountsCells on BudgetAmounts @_unmask {
    approved
    amended
    actual
  }
`);

export const BudgetImportIssueFields = graphql(`
  fragment BudgetImportIssueFields on BudgetImportIssue @_unmask {
    row
    column
    code
    severity
    value
    message
  }
`);

export const BudgetDataSetFields = graphql(`
  fragment BudgetDataSetFields on BudgetDataSet @_unmask {
    id
    organisation {
      id
      code
      name
    }
    year
    month
    version
    status
    format
    fileName
    lineCount
    warningCount
    uploadedAt
    approvedAt
    publishedAt
    rejectedAt
    rejectReason
  }
`);

export const MyBudgetOrganisationsQuery = graphql(`
  query MyBudgetOrganisations {
    myBudgetOrganisations {
      id
      code
      name
      kind
    }
  }
`);

export const BudgetDataSetsQuery = graphql(
  `
    query BudgetDataSets($status: BudgetDataSetStatus, $year: Int, $organisationId: ID, $limit: Int, $offset: Int) {
      budgetDataSets(status: $status, year: $year, organisationId: $organisationId, limit: $limit, offset: $offset) {
        ...BudgetDataSetFields
      }
    }
  `,
  [BudgetDataSetFields],
);

export const BudgetDataSetQuery = graphql(
  `
    query BudgetDataSet($id: ID!) {
      budgetDataSet(id: $id) {
        ...BudgetDataSetFields
        amountTypes
        note
        warnings {
          ...BudgetImportIssueFields
        }
      }
    }
  `,
  [BudgetDataSetFields, BudgetImportIssueFields],
);

/** What a data set would change once public: its own summary (the view of that one data set). */
export const BudgetDataSetSummaryQuery = graphql(
  `
    query BudgetDataSetSummary($view: BudgetViewInput!) {
      budgetSummary(view: $view) {
        revenue {
          ...BudgetAmountsCells
        }
        expenditure {
          ...BudgetAmountsCells
        }
        financing {
          ...BudgetAmountsCells
        }
        balance {
          ...BudgetAmountsCells
        }
      }
    }
  `,
  [BudgetAmountsCells],
);

export const ImportBudgetDataMutation = graphql(
  `
    mutation ImportBudgetData($input: ImportBudgetDataInput!) {
      importBudgetData(input: $input) {
        __typename
        ... on ImportBudgetDataPayload {
          replayed
          dataSet {
            ...BudgetDataSetFields
          }
          report {
            format
            layout
            lineCount
            skippedLines
            errorCount
            warningCount
            amountTypes
            issues {
              ...BudgetImportIssueFields
            }
            revenue {
              ...BudgetAmountsCells
            }
            expenditure {
              ...BudgetAmountsCells
            }
            financing {
              ...BudgetAmountsCells
            }
            balance {
              ...BudgetAmountsCells
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [BudgetDataSetFields, BudgetImportIssueFields, BudgetAmountsCells, ErrorFields],
);

export const ApproveBudgetDataSetMutation = graphql(
  `
    mutation ApproveBudgetDataSet($id: ID!) {
      approveBudgetDataSet(id: $id) {
        __typename
        ... on ApproveBudgetDataSetSuccess {
          dataSet {
            ...BudgetDataSetFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [BudgetDataSetFields, ErrorFields],
);

export const PublishBudgetDataSetMutation = graphql(
  `
    mutation PublishBudgetDataSet($id: ID!) {
      publishBudgetDataSet(id: $id) {
        __typename
        ... on PublishBudgetDataSetSuccess {
          dataSet {
            ...BudgetDataSetFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [BudgetDataSetFields, ErrorFields],
);

export const RejectBudgetDataSetMutation = graphql(
  `
    mutation RejectBudgetDataSet($id: ID!, $reason: String!) {
      rejectBudgetDataSet(id: $id, reason: $reason) {
        __typename
        ... on RejectBudgetDataSetSuccess {
          dataSet {
            ...BudgetDataSetFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [BudgetDataSetFields, ErrorFields],
);

export const BudgetOrganisationFields = graphql(`
  fragment BudgetOrganisationFields on BudgetOrganisation @_unmask {
    id
    kind
    code
    name
    ico
    consolidated
    members {
      userId
      email
      fullName
    }
  }
`);

export const BudgetOrganisationsAdminQuery = graphql(
  `
    query BudgetOrganisationsAdmin {
      budgetOrganisations {
        ...BudgetOrganisationFields
      }
    }
  `,
  [BudgetOrganisationFields],
);

export const SaveBudgetOrganisationMutation = graphql(
  `
    mutation SaveBudgetOrganisation($input: BudgetOrganisationInput!) {
      saveBudgetOrganisation(input: $input) {
        __typename
        ... on SaveBudgetOrganisationSuccess {
          organisation {
            ...BudgetOrganisationFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [BudgetOrganisationFields, ErrorFields],
);

export const SetBudgetOrganisationMemberMutation = graphql(
  `
    mutation SetBudgetOrganisationMember($organisationId: ID!, $email: String!, $member: Boolean!) {
      setBudgetOrganisationMember(organisationId: $organisationId, email: $email, member: $member) {
        __typename
        ... on SetBudgetOrganisationMemberSuccess {
          organisation {
            ...BudgetOrganisationFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [BudgetOrganisationFields, ErrorFields],
);
