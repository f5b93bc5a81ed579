import { graphql } from "../../graphql/graphql.ts";

/** What a list of alerts shows of each (the public list, the crisis banner's detail link). */
export const AlertListItem = graphql(`
  fragment AlertListItem on Alert @_unmask {
    id
    severity
    title
    validFrom
    validTo
    publishedAt
    topics {
      id
      name
    }
    areas {
      id
      name
      kind
    }
  }
`);

export const PublicAlertsQuery = graphql(
  `
    query PublicAlerts($first: Int!, $after: String, $filter: AlertFilter) {
      alerts(first: $first, after: $after, filter: $filter) {
        edges {
          node {
            ...AlertListItem
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [AlertListItem],
);

export const PublicAlertQuery = graphql(
  `
    query PublicAlert($id: ID!) {
      alert(id: $id) {
        ...AlertListItem
        body
      }
    }
  `,
  [AlertListItem],
);
