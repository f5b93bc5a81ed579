import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";
import { ViewerFields } from "../auth/operations.ts";

export const UpdateProfileMutation = graphql(
  `
    mutation UpdateProfile($input: UpdateProfileInput!) {
      updateProfile(input: $input) {
        __typename
        ... on UpdateProfileSuccess {
          user {
            ...ViewerFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ViewerFields, ErrorFields],
);

export const ChangePasswordMutation = graphql(
  `
    mutation ChangePassword($input: ChangePasswordInput!) {
      changePassword(input: $input) {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

/**
 * The whole personal account in one query: the overview filters it on the device, and the detail page reads the
 * same cached answer, so both work offline once the account was seen (graphcache's offline store, cleared on
 * logout by features/auth/session.tsx). One query is also one SQL statement on the server.
 */
export const PersonalAccountQuery = graphql(`
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
`);

export const ClaimPayerMutation = graphql(
  `
    mutation ClaimPayer($input: ClaimPayerInput!) {
      claimPayer(input: $input) {
        __typename
        ... on ClaimPayerSuccess {
          alreadyLinked
          payer {
            id
            name
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);
