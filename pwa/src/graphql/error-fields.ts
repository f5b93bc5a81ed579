import { graphql } from "./graphql.ts";

/** What every mutation selects from its error members; `useZodForm().fail` understands exactly this shape. */
export const ErrorFields = graphql(`
  fragment ErrorFields on Error @_unmask {
    message
    code
    ... on ValidationError {
      fieldErrors {
        path
        message
      }
    }
  }
`);
