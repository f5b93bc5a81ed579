// The personal account page's query, as the PWA sends it (pwa/src/features/account/operations.ts,
// PersonalAccountQuery; copied because the PWA's typed document cannot be imported into Node). A change there
// that this copy misses only makes the benchmark measure an older selection.
export const ACCOUNT_QUERY = /* GraphQL */ `
  query PersonalAccount {
    personalAccount {
      loadedAt
      totalDue
      totalOverdue
      totalCredit
      years
      payers {
        id
        name
      }
      assessments {
        id
        payerId
        kind
        subject
        year
        amount
        dueDate
        status
        paid
        remaining
        overdue
        isOverdue
        credit
        nextDueDate
        variableSymbol
        lifecycleReason
        installments {
          position
          amount
          dueDate
          effectiveDueDate
          paid
          remaining
          status
          paidOn
        }
        payments {
          paymentId
          amount
          receivedOn
          source
          receiptUrl
        }
        instructions {
          accountNumber
          iban
          accountLabel
          variableSymbol
          constantSymbol
          specificSymbol
          amount
          dueDate
          message
          spayd
        }
      }
    }
  }
`;

export const ACCOUNT_BODY = JSON.stringify({ query: ACCOUNT_QUERY, operationName: "PersonalAccount", variables: {} });
