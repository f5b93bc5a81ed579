import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

export const CardPaymentsAvailableQuery = graphql(`
  query CardPaymentsAvailable {
    cardPaymentsAvailable
  }
`);

export const CardPaymentFields = graphql(`
  fragment CardPaymentFields on CardPayment @_unmask {
    id
    orderId
    status
    amount
    refundedAmount
    currency
    provider
    failureReason
    createdAt
    paidAt
    items {
      assessmentId
      subject
      variableSymbol
      amount
    }
  }
`);

export const StartCardPaymentMutation = graphql(
  `
    mutation StartCardPayment($input: StartCardPaymentInput!) {
      startCardPayment(input: $input) {
        __typename
        ... on StartedCardPayment {
          redirectUrl
          cardPayment {
            id
            orderId
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const SettleCardPaymentMutation = graphql(
  `
    mutation SettleCardPayment($input: SettleCardPaymentInput!) {
      settleCardPayment(input: $input) {
        __typename
        ... on SettleCardPaymentSuccess {
          cardPayment {
            ...CardPaymentFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [CardPaymentFields, ErrorFields],
);

export const ClerkCardPaymentsQuery = graphql(
  `
    query ClerkCardPayments($status: CardPaymentStatus, $first: Int, $after: String) {
      cardPayments(status: $status, first: $first, after: $after) {
        nodes {
          ...CardPaymentFields
          payerEmail
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [CardPaymentFields],
);

export const RefundCardPaymentMutation = graphql(
  `
    mutation RefundCardPayment($input: RefundCardPaymentInput!) {
      refundCardPayment(input: $input) {
        __typename
        ... on RefundCardPaymentSuccess {
          cardPayment {
            ...CardPaymentFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [CardPaymentFields, ErrorFields],
);
