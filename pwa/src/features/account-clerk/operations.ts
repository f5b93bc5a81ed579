import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

export const FinancePayersQuery = graphql(`
  query FinancePayers($search: String, $first: Int!, $after: String) {
    financePayers(search: $search, first: $first, after: $after) {
      nodes {
        id
        name
        kind
        address
        externalId
        totalDue
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AssessmentRowFields = graphql(`
  fragment AssessmentRowFields on Assessment @_unmask {
    id
    kind
    subject
    year
    amount
    dueDate
    variableSymbol
    constantSymbol
    status
    lifecycleReason
    paid
    remaining
    credit
    isOverdue
    nextDueDate
    installments {
      position
      amount
      dueDate
      status
    }
    payments {
      amount
      receivedOn
      source
    }
  }
`);

export const FinancePayerQuery = graphql(
  `
    query FinancePayer($id: ID!) {
      financePayer(id: $id) {
        id
        name
        kind
        address
        externalId
        directDebit
        totalDue
        linkedAccounts {
          email
          fullName
          method
          linkedAt
        }
        assessments {
          ...AssessmentRowFields
        }
      }
      municipality {
        id
        bankAccounts {
          id
          label
          accountNumber
          isPrimary
        }
      }
    }
  `,
  [AssessmentRowFields],
);

const PayerFields = graphql(`
  fragment FinancePayerFields on FinancePayer @_unmask {
    id
    name
    kind
    address
    externalId
    directDebit
  }
`);

export const CreatePayerMutation = graphql(
  `
    mutation CreatePayer($input: PayerInput!) {
      createPayer(input: $input) {
        __typename
        ... on CreatePayerSuccess {
          payer {
            ...FinancePayerFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PayerFields, ErrorFields],
);

export const UpdatePayerMutation = graphql(
  `
    mutation UpdatePayer($id: ID!, $input: PayerInput!) {
      updatePayer(id: $id, input: $input) {
        __typename
        ... on UpdatePayerSuccess {
          payer {
            ...FinancePayerFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PayerFields, ErrorFields],
);

export const LinkPayerAccountMutation = graphql(
  `
    mutation LinkPayerAccount($payerId: ID!, $email: String!) {
      linkPayerAccount(payerId: $payerId, email: $email) {
        __typename
        ... on LinkPayerAccountSuccess {
          payer {
            id
            linkedAccounts {
              email
              fullName
              method
              linkedAt
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const UnlinkPayerAccountMutation = graphql(
  `
    mutation UnlinkPayerAccount($payerId: ID!, $email: String!) {
      unlinkPayerAccount(payerId: $payerId, email: $email) {
        __typename
        ... on UnlinkPayerAccountSuccess {
          payer {
            id
            linkedAccounts {
              email
              fullName
              method
              linkedAt
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const CreateAssessmentMutation = graphql(
  `
    mutation CreateAssessment($payerId: ID!, $input: AssessmentInput!) {
      createAssessment(payerId: $payerId, input: $input) {
        __typename
        ... on CreatedAssessment {
          accessCode
          assessment {
            ...AssessmentRowFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AssessmentRowFields, ErrorFields],
);

export const CancelAssessmentMutation = graphql(
  `
    mutation CancelAssessment($id: ID!, $reason: String!) {
      cancelAssessment(id: $id, reason: $reason) {
        __typename
        ... on CancelAssessmentSuccess {
          assessment {
            ...AssessmentRowFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AssessmentRowFields, ErrorFields],
);

export const WriteOffAssessmentMutation = graphql(
  `
    mutation WriteOffAssessment($id: ID!, $reason: String!) {
      writeOffAssessment(id: $id, reason: $reason) {
        __typename
        ... on WriteOffAssessmentSuccess {
          assessment {
            ...AssessmentRowFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AssessmentRowFields, ErrorFields],
);

export const RecordCashPaymentMutation = graphql(
  `
    mutation RecordCashPayment($input: CashPaymentInput!) {
      recordCashPayment(input: $input) {
        __typename
        ... on RecordCashPaymentSuccess {
          assessment {
            ...AssessmentRowFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AssessmentRowFields, ErrorFields],
);

export const UpdateAssessmentMutation = graphql(
  `
    mutation UpdateAssessment($id: ID!, $input: AssessmentChangeInput!) {
      updateAssessment(id: $id, input: $input) {
        __typename
        ... on UpdateAssessmentSuccess {
          assessment {
            ...AssessmentRowFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [AssessmentRowFields, ErrorFields],
);
