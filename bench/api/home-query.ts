/** What the PWA's home page asks. Field names as in api/src/schema/municipality.ts. */
export const HOME_QUERY =
  "query Home { municipality { id name ico street city postalCode email phone website " +
  "branding { primaryColor accentColor logoUrl } bankAccounts { id label accountNumber iban isPrimary } } }";
