import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";
import { MunicipalityPublicFields } from "../shell/operations.ts";

export const ClerkFields = graphql(`
  fragment ClerkFields on User @_unmask {
    id
    email
    fullName
    role
    agendas
    disabled
    emailVerified
    createdAt
  }
`);

export const ClerksQuery = graphql(
  `
    query Clerks($first: Int, $after: String) {
      clerks(first: $first, after: $after) {
        edges {
          node {
            ...ClerkFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [ClerkFields],
);

export const CreateClerkMutation = graphql(
  `
    mutation CreateClerk($input: CreateClerkInput!) {
      createClerk(input: $input) {
        __typename
        ... on CreateClerkSuccess {
          user {
            ...ClerkFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkFields, ErrorFields],
);

export const UpdateClerkMutation = graphql(
  `
    mutation UpdateClerk($input: UpdateClerkInput!) {
      updateClerk(input: $input) {
        __typename
        ... on UpdateClerkSuccess {
          user {
            ...ClerkFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ClerkFields, ErrorFields],
);

export const ApiTokenFields = graphql(`
  fragment ApiTokenFields on ApiToken @_unmask {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    expiresAt
    revokedAt
  }
`);

export const ApiTokensQuery = graphql(
  `
    query ApiTokens {
      apiTokens {
        ...ApiTokenFields
      }
      apiTokenScopes
    }
  `,
  [ApiTokenFields],
);

export const CreateApiTokenMutation = graphql(
  `
    mutation CreateApiToken($input: CreateApiTokenInput!) {
      createApiToken(input: $input) {
        __typename
        ... on CreateApiTokenSuccess {
          token
          apiToken {
            ...ApiTokenFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ApiTokenFields, ErrorFields],
);

export const RevokeApiTokenMutation = graphql(
  `
    mutation RevokeApiToken($input: RevokeApiTokenInput!) {
      revokeApiToken(input: $input) {
        __typename
        ... on RevokeApiTokenSuccess {
          apiToken {
            ...ApiTokenFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ApiTokenFields, ErrorFields],
);

export const OutboxQuery = graphql(`
  query Outbox($first: Int, $after: String, $to: String) {
    outbox(first: $first, after: $after, to: $to) {
      edges {
        node {
          id
          toAddress
          subject
          textBody
          createdAt
          sentAt
          transport
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * Everything the municipality settings page edits: the shell's public fields plus the rules, so the mutation's
 * answer updates the header, footer and home page from graphcache at once.
 */
export const MunicipalitySettingsFields = graphql(
  `
    fragment MunicipalitySettingsFields on Municipality @_unmask {
      ...MunicipalityPublicFields
      noticeTwoPersonRule
      publicUrl
    }
  `,
  [MunicipalityPublicFields],
);

export const MunicipalitySettingsQuery = graphql(
  `
    query MunicipalitySettings {
      municipality {
        ...MunicipalitySettingsFields
      }
    }
  `,
  [MunicipalitySettingsFields],
);

export const UpdateMunicipalityMutation = graphql(
  `
    mutation UpdateMunicipality($input: UpdateMunicipalityInput!) {
      updateMunicipality(input: $input) {
        __typename
        ... on UpdateMunicipalitySuccess {
          municipality {
            ...MunicipalitySettingsFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [MunicipalitySettingsFields, ErrorFields],
);

export const DeadLetterJobsQuery = graphql(`
  query DeadLetterJobs {
    deadLetterJobs {
      id
      kind
      createdAt
      failedAt
      attempts
      lastError
    }
  }
`);

export const RetryDeadLetterJobMutation = graphql(
  `
    mutation RetryDeadLetterJob($input: DeadLetterInput!) {
      retryDeadLetterJob(input: $input) {
        __typename
        ... on RetryDeadLetterJobSuccess {
          id
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const DiscardDeadLetterJobMutation = graphql(
  `
    mutation DiscardDeadLetterJob($input: DeadLetterInput!) {
      discardDeadLetterJob(input: $input) {
        __typename
        ... on DiscardDeadLetterJobSuccess {
          id
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);
