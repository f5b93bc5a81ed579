import { graphql } from "../../graphql/graphql.ts";

/** One page of the signed-in citizen's communication history; kept in the offline store for reading offline. */
export const CommunicationHistoryQuery = graphql(`
  query CommunicationHistory($first: Int!, $after: String, $filter: TimelineFilter) {
    communicationHistory(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          kind
          occurredAt
          title
          summary
          path
          amount
          status
          messageKind
          deliveries {
            channel
            status
            sentAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
