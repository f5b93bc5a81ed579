import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

// The finance clerk's side of payments (agenda FINANCE): imported bank statements, the import with its
// preview, the unpaired payments, manual pairing and reversal. Mutations answer the changed payment,
// so graphcache updates it on screen; the lists are invalidated in graphql/cache.ts.

export const BankStatementsQuery = graphql(`
  query BankStatements($first: Int!, $after: String) {
    bankStatements(first: $first, after: $after) {
      nodes {
        id
        statementNumber
        format
        accountIban
        bankAccountLabel
        periodFrom
        periodTo
        openingBalance
        closingBalance
        creditTotal
        debitTotal
        lineCount
        fileName
        importedAt
        pairing {
          paymentCount
          pairedCount
          unpairedCount
          unpairedAmount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ImportBankStatementMutation = graphql(
  `
    mutation ImportBankStatement($input: ImportBankStatementInput!) {
      importBankStatement(input: $input) {
        __typename
        ... on ImportBankStatementSuccess {
          report {
            dryRun
            fileName
            warnings {
              line
              message
            }
            statements {
              statement {
                id
              }
              bankAccountLabel
              accountIban
              format
              statementNumber
              periodFrom
              periodTo
              openingBalance
              closingBalance
              creditTotal
              debitTotal
              lineCount
              paymentLineCount
              otherLineCount
              newPaymentCount
              alreadyImportedCount
              alreadyImported
              pairedCount
              ambiguousCount
              unmatchedCount
              withoutSymbolCount
              unpairedCount
              lines {
                line
                amount
                direction
                valueDate
                variableSymbol
                counterpartyName
                message
                outcome
                assessmentSubject
                payerName
              }
            }
          }
        }
        ... on StatementFileError {
          problems {
            line
            code
            message
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const PaymentFields = graphql(`
  fragment PaymentFields on Payment @_unmask {
    id
    source
    amount
    receivedOn
    variableSymbol
    constantSymbol
    specificSymbol
    counterpartyAccount
    counterpartyName
    message
    allocatedAmount
    unallocatedAmount
    statement {
      id
      statementNumber
      bankAccountLabel
    }
    allocations {
      id
      amount
      method
      active
      createdAt
      createdByName
      reversedAt
      reversedByName
      reversalReason
      assessmentId
      assessmentSubject
      variableSymbol
      payerName
    }
  }
`);

export const UnpairedPaymentsQuery = graphql(
  `
    query UnpairedPayments($first: Int!, $after: String, $filter: UnpairedPaymentFilter) {
      unpairedPayments(first: $first, after: $after, filter: $filter) {
        totalCount
        nodes {
          ...PaymentFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [PaymentFields],
);

export const PaymentQuery = graphql(
  `
    query Payment($id: ID!) {
      node(id: $id) {
        __typename
        ... on Payment {
          ...PaymentFields
        }
      }
    }
  `,
  [PaymentFields],
);

export const AssessmentsForPairingQuery = graphql(`
  query AssessmentsForPairing($query: String!) {
    assessmentsForPairing(query: $query) {
      assessmentId
      kind
      subject
      year
      variableSymbol
      payerName
      amount
      paidAmount
      lifecycle
      dueDate
    }
  }
`);

export const PairPaymentMutation = graphql(
  `
    mutation PairPayment($input: PairPaymentInput!) {
      pairPayment(input: $input) {
        __typename
        ... on PairPaymentSuccess {
          payment {
            ...PaymentFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, PaymentFields],
);

export const ReversePaymentAllocationMutation = graphql(
  `
    mutation ReversePaymentAllocation($input: ReversePaymentAllocationInput!) {
      reversePaymentAllocation(input: $input) {
        __typename
        ... on ReversePaymentAllocationSuccess {
          payment {
            ...PaymentFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields, PaymentFields],
);
