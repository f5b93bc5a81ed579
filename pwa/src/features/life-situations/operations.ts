import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

/** The town's dog fee rates (public), for the guide and the form's fee preview. */
export const DogFeeTariffsQuery = graphql(`
  query DogFeeTariffs {
    dogFeeTariffs {
      year
      firstDog
      furtherDog
      pensionerFirstDog
      pensionerFurtherDog
      proRata
      dueDate
      installmentCount
    }
  }
`);

export const FormDraftsQuery = graphql(`
  query FormDrafts($formId: String) {
    formDrafts(formId: $formId) {
      clientId
      formId
      formVersion
      values
      currentStep
      revision
      compatibility
      updatedAt
    }
  }
`);

export const SaveFormDraftMutation = graphql(
  `
    mutation SaveFormDraft($input: SaveFormDraftInput!) {
      saveFormDraft(input: $input) {
        __typename
        ... on SaveFormDraftSuccess {
          draft {
            clientId
            revision
            updatedAt
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const DeleteFormDraftMutation = graphql(`
  mutation DeleteFormDraft($clientId: ID!) {
    deleteFormDraft(clientId: $clientId)
  }
`);

export const UploadFormAttachmentMutation = graphql(
  `
    mutation UploadFormAttachment($id: ID!, $file: File!) {
      uploadFormAttachment(id: $id, file: $file) {
        __typename
        ... on UploadFormAttachmentSuccess {
          attachment {
            id
            fileName
            mimeType
            size
            scanStatus
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const SubmitFormMutation = graphql(
  `
    mutation SubmitForm($input: SubmitFormInput!) {
      submitForm(input: $input) {
        __typename
        ... on SubmitFormSuccess {
          replayed
          submission {
            id
            number
            status
            submittedAt
          }
        }
        ... on FormVersionError {
          currentVersion
          compatibility
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const MySubmissionsQuery = graphql(`
  query MySubmissions($first: Int!, $after: String, $status: SubmissionStatus) {
    mySubmissions(first: $first, after: $after, status: $status) {
      edges {
        node {
          id
          number
          title
          formId
          status
          submittedAt
          decidedAt
          openQuestion
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SubmissionDetailQuery = graphql(`
  query SubmissionDetail($id: ID!) {
    submission(id: $id) {
      id
      number
      title
      formId
      formVersion
      status
      revision
      submittedAt
      decidedAt
      decisionNote
      summary
      summaryPdfUrl
      openQuestion
      events {
        id
        type
        message
        byCitizen
        createdAt
      }
      attachments {
        id
        fileName
        size
        scanStatus
        url
      }
    }
  }
`);

export const AnswerInformationRequestMutation = graphql(
  `
    mutation AnswerInformationRequest($input: AnswerInformationRequestInput!) {
      answerInformationRequest(input: $input) {
        __typename
        ... on AnswerInformationRequestSuccess {
          submission {
            id
            status
            revision
            openQuestion
            events {
              id
              type
              message
              byCitizen
              createdAt
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);
