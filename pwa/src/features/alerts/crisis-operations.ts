import { graphql } from "../../graphql/graphql.ts";

/** The newest crisis alert valid now, for the banner on every page. Public. */
export const CrisisAlertQuery = graphql(`
  query CrisisAlert {
    crisisAlert {
      id
      title
      validTo
    }
  }
`);
