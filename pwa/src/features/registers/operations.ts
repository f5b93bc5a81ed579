import { graphql } from "../../graphql/graphql.ts";

// The public registers: published entries only, no login. Lists page with Relay cursors ("load more");
// graphcache merges the pages (graphql/cache.ts) and keeps the totals of the whole filter.

export const RegisterTotalsFields = graphql(`
  fragment RegisterTotalsFields on RegisterTotals @_unmask {
    count
    amountWithoutVat
    amountWithVat
  }
`);

/** One row of a register's list: the same columns for the public and for clerks. */
export const ContractRowFields = graphql(`
  fragment ContractRowFields on Contract @_unmask {
    id
    number
    subject
    counterpartyName
    counterpartyIco
    signedOn
    amountWithoutVat
    amountWithVat
    department
  }
`);

export const InvoiceRowFields = graphql(`
  fragment InvoiceRowFields on Invoice @_unmask {
    id
    number
    subject
    supplierName
    supplierIco
    issuedOn
    dueOn
    amountWithoutVat
    amountWithVat
    department
  }
`);

export const PurchaseOrderRowFields = graphql(`
  fragment PurchaseOrderRowFields on PurchaseOrder @_unmask {
    id
    number
    subject
    supplierName
    supplierIco
    orderedOn
    amountWithoutVat
    amountWithVat
    department
  }
`);

export const ContractsQuery = graphql(
  `
    query Contracts($first: Int!, $after: String, $filter: RegisterFilter, $orderBy: RegisterOrder) {
      contracts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totals {
          ...RegisterTotalsFields
        }
        edges {
          node {
            ...ContractRowFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [RegisterTotalsFields, ContractRowFields],
);

export const InvoicesQuery = graphql(
  `
    query Invoices($first: Int!, $after: String, $filter: RegisterFilter, $orderBy: RegisterOrder) {
      invoices(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totals {
          ...RegisterTotalsFields
        }
        edges {
          node {
            ...InvoiceRowFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [RegisterTotalsFields, InvoiceRowFields],
);

export const PurchaseOrdersQuery = graphql(
  `
    query PurchaseOrders($first: Int!, $after: String, $filter: RegisterFilter, $orderBy: RegisterOrder) {
      purchaseOrders(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totals {
          ...RegisterTotalsFields
        }
        edges {
          node {
            ...PurchaseOrderRowFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [RegisterTotalsFields, PurchaseOrderRowFields],
);

/** An invoice as listed on the detail page of its contract or order. */
export const LinkedInvoiceFields = graphql(`
  fragment LinkedInvoiceFields on Invoice @_unmask {
    id
    number
    subject
    issuedOn
    amountWithVat
  }
`);

export const ContractQuery = graphql(
  `
    query Contract($id: ID!) {
      contract(id: $id) {
        ...ContractRowFields
        status
        validFrom
        validUntil
        publishedAt
        registryId
        registryPublishedOn
        requiresRegistry
        attachment {
          fileName
          mimeType
          size
          url
        }
        invoices {
          ...LinkedInvoiceFields
        }
      }
    }
  `,
  [ContractRowFields, LinkedInvoiceFields],
);

export const InvoiceQuery = graphql(
  `
    query Invoice($id: ID!) {
      invoice(id: $id) {
        ...InvoiceRowFields
        status
        paidOn
        budgetParagraph
        budgetItem
        publishedAt
        contract {
          id
          number
          subject
        }
        purchaseOrder {
          id
          number
          subject
        }
      }
    }
  `,
  [InvoiceRowFields],
);

export const PurchaseOrderQuery = graphql(
  `
    query PurchaseOrder($id: ID!) {
      purchaseOrder(id: $id) {
        ...PurchaseOrderRowFields
        status
        publishedAt
        requiresRegistry
        registryId
        registryPublishedOn
        invoices {
          ...LinkedInvoiceFields
        }
      }
    }
  `,
  [PurchaseOrderRowFields, LinkedInvoiceFields],
);
