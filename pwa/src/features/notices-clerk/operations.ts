import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

export { UploadFileMutation } from "../../graphql/upload-file.ts";

/** Everything the clerk's form and detail show of a notice. */
export const ClerkNoticeFields = graphql(`
  fragment ClerkNoticeFields on Notice @_unmask {
    id
    title
    description
    category
    originator
    originatorIco
    referenceNumber
    fileMark
    postedAt
    relevantUntil
    takeDownAt
    status
    revision
    withdrawn
    withdrawnAt
    withdrawalReason
    createdAt
    updatedAt
    approvedAt
    attachments {
      fileId
      fileName
      mimeType
      size
      url
    }
  }
`);

export const AllNoticesQuery = graphql(`
  query AllNotices($first: Int!, $after: String, $status: [NoticeStatus!], $filter: NoticeFilter) {
    allNotices(first: $first, after: $after, status: $status, filter: $filter) {
      edges {
        node {
          id
          title
          category
          originator
          status
          postedAt
          takeDownAt
          relevantUntil
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const NoticeHistoryQuery = graphql(
  `
    query NoticeHistory($id: ID!) {
      noticeHistory(id: $id) {
        notice {
          ...ClerkNoticeFields
        }
        revisions {
          revision
          title
          reason
          createdAt
          createdBy
          attachmentNames
        }
        events {
          id
          type
          actorName
          createdAt
          postedAt
          takeDownAt
          revision
          reason
        }
        writtenByViewer
      }
    }
  `,
  [ClerkNoticeFields],
);

export const NoticeWindowQuery = graphql(`
  query NoticeWindow($category: NoticeCategory, $postedAt: DateTime) {
    noticeWindow(category: $category, postedAt: $postedAt) {
      postedAt
      minimumDays
      minimumRelevantUntil
      takeDownAt
    }
  }
`);

/** The town's name (the default originator) and whether its notices need a second clerk's approval. */
export const TownNameQuery = graphql(`
  query TownName {
    municipality {
      id
      name
      noticeTwoPersonRule
    }
  }
`);

export const CreateNoticeMutation = graphql(
  `
    mutation CreateNotice($input: NoticeInput!) {
      createNotice(input: $input) {
        __typename
        ... on CreateNoticeSuccess {
          notice {
            ...ClerkNoticeFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkNoticeFields, ErrorFields],
);

export const UpdateNoticeMutation = graphql(
  `
    mutation UpdateNotice($input: UpdateNoticeInput!) {
      updateNotice(input: $input) {
        __typename
        ... on UpdateNoticeSuccess {
          notice {
            ...ClerkNoticeFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkNoticeFields, ErrorFields],
);

export const ReviseNoticeMutation = graphql(
  `
    mutation ReviseNotice($input: ReviseNoticeInput!) {
      reviseNotice(input: $input) {
        __typename
        ... on ReviseNoticeSuccess {
          notice {
            ...ClerkNoticeFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkNoticeFields, ErrorFields],
);

export const ProposeNoticeMutation = graphql(
  `
    mutation ProposeNotice($input: NoticeIdInput!) {
      proposeNotice(input: $input) {
        __typename
        ... on ProposeNoticeSuccess {
          notice {
            ...ClerkNoticeFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkNoticeFields, ErrorFields],
);

export const ApproveNoticeMutation = graphql(
  `
    mutation ApproveNotice($input: ApproveNoticeInput!) {
      approveNotice(input: $input) {
        __typename
        ... on ApproveNoticeSuccess {
          notice {
            ...ClerkNoticeFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkNoticeFields, ErrorFields],
);

export const WithdrawNoticeMutation = graphql(
  `
    mutation WithdrawNotice($input: WithdrawNoticeInput!) {
      withdrawNotice(input: $input) {
        __typename
        ... on WithdrawNoticeSuccess {
          notice {
            ...ClerkNoticeFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkNoticeFields, ErrorFields],
);
