import { randomBytes } from "node:crypto";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Client } from "../kit/graphql.ts";

export const assessmentGid = (id: string) => encodeGlobalID("Assessment", id);
export const cardPaymentGid = (id: string) => encodeGlobalID("CardPayment", id);
export const newKey = () => randomBytes(16).toString("base64url");

export const START = /* GraphQL */ `
  mutation Start($input: StartCardPaymentInput!) {
    startCardPayment(input: $input) {
      __typename
      ... on StartedCardPayment {
        redirectUrl
        cardPayment {
          id
          orderId
          status
          amount
          items {
            assessmentId
            subject
            variableSymbol
            amount
          }
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

export const SETTLE = /* GraphQL */ `
  mutation Settle($orderId: String!) {
    settleCardPayment(input: { orderId: $orderId }) {
      __typename
      ... on SettleCardPaymentSuccess {
        cardPayment {
          id
          orderId
          status
          amount
          refundedAmount
          failureReason
          items {
            variableSymbol
            amount
          }
        }
      }
      ... on Error {
        code
      }
    }
  }
`;

export const REFUND = /* GraphQL */ `
  mutation Refund($input: RefundCardPaymentInput!) {
    refundCardPayment(input: $input) {
      __typename
      ... on RefundCardPaymentSuccess {
        cardPayment {
          id
          status
          refundedAmount
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
      ... on Error {
        code
      }
    }
  }
`;

export async function start(client: Client, items: { assessmentId: string; amount: string }[], idempotencyKey = newKey()) {
  const response = await client.request(START, { input: { items, idempotencyKey } });
  return response.data?.startCardPayment ?? response;
}

export async function settle(client: Client, orderId: string) {
  const response = await client.request(SETTLE, { orderId });
  return response.data?.settleCardPayment;
}
