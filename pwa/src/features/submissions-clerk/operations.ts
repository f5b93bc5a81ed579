import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

/** The life situations (their forms) for the queue's filter. */
export const SubmissionFormsQuery = graphql(`
  query SubmissionForms {
    lifeSituations {
      slug
      form {
        id
        title
        agenda
      }
    }
  }
`);

export const SubmissionQueueQuery = graphql(`
  query SubmissionQueue($filter: SubmissionQueueFilter, $first: Int!, $after: String) {
    submissionQueue(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        number
        title
        agenda
        status
        submittedAt
        ageDays
        citizen {
          fullName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SubmissionReviewFields = graphql(`
  fragment SubmissionReviewFields on Submission @_unmask {
    id
    number
    title
    formId
    formVersion
    agenda
    status
    revision
    submittedAt
    ageDays
    decidedAt
    decisionNote
    openQuestion
    summary
    summaryPdfUrl
    effect
    citizen {
      fullName
      email
      phone
    }
    attachments {
      id
      fileName
      mimeType
      size
      scanStatus
      url
    }
    events {
      id
      type
      createdAt
      byCitizen
      message
    }
  }
`);

export const SubmissionReviewQuery = graphql(
  `
    query SubmissionReview($id: ID!) {
      submissionReview(id: $id) {
        submission {
          ...SubmissionReviewFields
        }
        proposedEffect {
          kind
          payerExists
          payerName
          payerAddress
          pensioner
          warnings
          dogs {
            name
            breed
            chipNumber
            birthDate
            keptFrom
            exempt
            exemptionReason
            fee
          }
          endingDogs {
            dogId
            name
            chipNumber
            endedOn
          }
          assessment {
            kind
            subject
            year
            periodFrom
            periodTo
            amount
            dueDate
            installmentCount
          }
          adjustments {
            assessmentId
            subject
            variableSymbol
            currentAmount
            newAmount
          }
        }
      }
      dogFeeTariffs {
        year
        firstDog
        furtherDog
        pensionerFirstDog
        pensionerFurtherDog
        proRata
      }
    }
  `,
  [SubmissionReviewFields],
);

export const ApproveSubmissionMutation = graphql(
  `
    mutation ApproveSubmission($input: ApproveSubmissionInput!) {
      approveSubmission(input: $input) {
        __typename
        ... on ApproveSubmissionSuccess {
          submission {
            ...SubmissionReviewFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [SubmissionReviewFields, ErrorFields],
);

export const RejectSubmissionMutation = graphql(
  `
    mutation RejectSubmission($input: RejectSubmissionInput!) {
      rejectSubmission(input: $input) {
        __typename
        ... on RejectSubmissionSuccess {
          submission {
            ...SubmissionReviewFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [SubmissionReviewFields, ErrorFields],
);

export const RequestSubmissionInformationMutation = graphql(
  `
    mutation RequestSubmissionInformation($input: RequestSubmissionInformationInput!) {
      requestSubmissionInformation(input: $input) {
        __typename
        ... on RequestSubmissionInformationSuccess {
          submission {
            ...SubmissionReviewFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [SubmissionReviewFields, ErrorFields],
);

const DogFeeTariffFields = graphql(`
  fragment DogFeeTariffFields on DogFeeTariff @_unmask {
    year
    firstDog
    furtherDog
    pensionerFirstDog
    pensionerFurtherDog
    proRata
    dueDate
    installmentCount
    updatedAt
  }
`);

export const DogFeeTariffsQuery = graphql(
  `
    query DogFeeTariffs {
      dogFeeTariffs {
        ...DogFeeTariffFields
      }
    }
  `,
  [DogFeeTariffFields],
);

export const SaveDogFeeTariffMutation = graphql(
  `
    mutation SaveDogFeeTariff($input: DogFeeTariffInput!) {
      saveDogFeeTariff(input: $input) {
        __typename
        ... on SaveDogFeeTariffSuccess {
          tariff {
            ...DogFeeTariffFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [DogFeeTariffFields, ErrorFields],
);

const DeliveryFields = graphql(`
  fragment SubmissionDeliveryFields on SubmissionDelivery @_unmask {
    id
    submissionNumber
    trigger
    status
    step
    completedSteps
    attempts
    lastError
    externalReference
    deliveredAt
    updatedAt
  }
`);

export const SubmissionDeliveriesQuery = graphql(
  `
    query SubmissionDeliveries($status: SubmissionDeliveryStatus, $first: Int!, $after: String) {
      submissionDeliveries(status: $status, first: $first, after: $after) {
        nodes {
          ...SubmissionDeliveryFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [DeliveryFields],
);

export const RetrySubmissionDeliveryStepMutation = graphql(
  `
    mutation RetrySubmissionDeliveryStep($id: ID!) {
      retrySubmissionDeliveryStep(id: $id) {
        __typename
        ... on RetrySubmissionDeliveryStepSuccess {
          delivery {
            ...SubmissionDeliveryFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [DeliveryFields, ErrorFields],
);
