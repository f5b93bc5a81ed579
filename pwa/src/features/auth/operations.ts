import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

export const ViewerFields = graphql(`
  fragment ViewerFields on User @_unmask {
    id
    email
    fullName
    phone
    locale
    role
    agendas
    emailVerified
  }
`);

export const ViewerQuery = graphql(
  `
    query Viewer {
      viewer {
        ...ViewerFields
      }
    }
  `,
  [ViewerFields],
);

export const LoginMutation = graphql(
  `
    mutation Login($input: LoginInput!) {
      login(input: $input) {
        __typename
        ... on LoginSuccess {
          user {
            ...ViewerFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ViewerFields, ErrorFields],
);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      __typename
    }
  }
`);

export const RegisterMutation = graphql(
  `
    mutation Register($input: RegisterInput!) {
      register(input: $input) {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const VerifyEmailMutation = graphql(
  `
    mutation VerifyEmail($input: VerifyEmailInput!) {
      verifyEmail(input: $input) {
        __typename
        ... on VerifyEmailSuccess {
          user {
            id
            emailVerified
          }
        }
        ... on Error {
          ...ErrorFields
        }
      }
    }
  `,
  [ErrorFields],
);

export const RequestPasswordResetMutation = graphql(
  `
    mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
      requestPasswordReset(input: $input) {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const ResetPasswordMutation = graphql(
  `
    mutation ResetPassword($input: ResetPasswordInput!) {
      resetPassword(input: $input) {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);
