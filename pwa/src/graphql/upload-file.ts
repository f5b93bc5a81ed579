import { ErrorFields } from "./error-fields.ts";
import { graphql } from "./graphql.ts";

/**
 * Stores one file (a notice's attachment, a contract's document) before the form that refers to it is saved.
 * urql sends it as a GraphQL multipart request by itself because the variable is a File.
 */
export const UploadFileMutation = graphql(
  `
    mutation UploadFile($file: File!) {
      uploadFile(file: $file) {
        __typename
        ... on UploadFileSuccess {
          file {
            id
            fileName
            mimeType
            size
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);
