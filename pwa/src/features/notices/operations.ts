import { graphql } from "../../graphql/graphql.ts";

/** What a list of notices shows of each (the board, the archive, the home page's teaser). */
export const NoticeListItem = graphql(`
  fragment NoticeListItem on Notice @_unmask {
    id
    title
    category
    originator
    postedAt
    relevantUntil
    takeDownAt
    withdrawn
  }
`);

export const NoticeBoardQuery = graphql(
  `
    query NoticeBoard($first: Int!, $after: String, $filter: NoticeFilter) {
      noticeBoard(first: $first, after: $after, filter: $filter) {
        edges {
          node {
            ...NoticeListItem
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [NoticeListItem],
);

export const NoticeArchiveQuery = graphql(
  `
    query NoticeArchive($first: Int!, $after: String, $filter: NoticeFilter) {
      noticeArchive(first: $first, after: $after, filter: $filter) {
        edges {
          node {
            ...NoticeListItem
            withdrawnAt
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [NoticeListItem],
);

/** The public detail: content, attachments and the public history of corrections. */
export const NoticeQuery = graphql(
  `
    query Notice($id: ID!) {
      notice(id: $id) {
        ...NoticeListItem
        description
        originatorIco
        referenceNumber
        fileMark
        revision
        withdrawnAt
        withdrawalReason
        attachments {
          fileId
          fileName
          mimeType
          size
          url
        }
        revisions {
          revision
          title
          reason
          createdAt
        }
      }
    }
  `,
  [NoticeListItem],
);

/**
 * Re-reads notices this device keeps offline (see offline-notices.ts). Normalized by id, the answer also refreshes
 * the cached details, so a notice withdrawn early is known as taken down even when later opened offline.
 */
export const NoticeFreshnessQuery = graphql(`
  query NoticeFreshness($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Notice {
        id
        postedAt
        takeDownAt
        withdrawn
        withdrawnAt
        withdrawalReason
        status
      }
    }
  }
`);
