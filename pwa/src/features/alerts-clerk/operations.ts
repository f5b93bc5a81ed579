import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

export const ClerkAlertFields = graphql(`
  fragment ClerkAlertFields on Alert @_unmask {
    id
    severity
    status
    title
    titleCs
    bodyCs
    titleEn
    bodyEn
    channels
    validFrom
    validTo
    isValid
    scheduledAt
    publishedAt
    sentAt
    cancelledAt
    createdAt
    topics {
      id
      name
    }
    areas {
      id
      name
      kind
    }
    deliveries {
      channel
      total
      pending
      sent
      failed
      dead
      skipped
    }
  }
`);

export const ClerkAlertsQuery = graphql(
  `
    query ClerkAlerts($first: Int!, $after: String, $status: [AlertStatus!]) {
      allAlerts(first: $first, after: $after, status: $status) {
        edges {
          node {
            ...ClerkAlertFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [ClerkAlertFields],
);

export const ClerkAlertQuery = graphql(
  `
    query ClerkAlert($id: ID!) {
      alert(id: $id) {
        ...ClerkAlertFields
      }
    }
  `,
  [ClerkAlertFields],
);

/** Topics and areas to compose with. */
export const AlertAudienceOptionsQuery = graphql(`
  query AlertAudienceOptions {
    notificationTopics {
      id
      name
      isCrisis
    }
    notificationAreas {
      id
      kind
      name
      parentId
    }
  }
`);

export const AlertRecipientCountsQuery = graphql(`
  query AlertRecipientCounts($audience: AlertAudienceInput!) {
    alertRecipientCounts(audience: $audience) {
      email
      sms
      push
      pushCitizens
      citizens
    }
  }
`);

export const CreateAlertMutation = graphql(
  `
    mutation CreateAlert($input: AlertInput!, $idempotencyKey: String) {
      createAlert(input: $input, idempotencyKey: $idempotencyKey) {
        __typename
        ... on CreateAlertSuccess {
          alert {
            ...ClerkAlertFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkAlertFields, ErrorFields],
);

export const CancelAlertMutation = graphql(
  `
    mutation CancelAlert($id: ID!) {
      cancelAlert(id: $id) {
        __typename
        ... on CancelAlertSuccess {
          alert {
            ...ClerkAlertFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkAlertFields, ErrorFields],
);

export const EndAlertMutation = graphql(
  `
    mutation EndAlert($id: ID!) {
      endAlert(id: $id) {
        __typename
        ... on EndAlertSuccess {
          alert {
            ...ClerkAlertFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkAlertFields, ErrorFields],
);
