import { graphql } from "../../graphql/graphql.ts";

/** The town's public identity: the shell uses it for branding, the home page for contacts and accounts. */
export const MunicipalityPublicFields = graphql(`
  fragment MunicipalityPublicFields on Municipality @_unmask {
    id
    name
    ico
    street
    city
    postalCode
    email
    phone
    website
    branding {
      primaryColor
      accentColor
      logoUrl
    }
    bankAccounts {
      id
      label
      accountNumber
      iban
      isPrimary
    }
  }
`);

export const MunicipalityQuery = graphql(
  `
    query Municipality {
      municipality {
        ...MunicipalityPublicFields
      }
    }
  `,
  [MunicipalityPublicFields],
);
