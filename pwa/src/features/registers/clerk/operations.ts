import { ErrorFields } from "../../../graphql/error-fields.ts";
import { graphql } from "../../../graphql/graphql.ts";
import { ContractRowFields, InvoiceRowFields, PurchaseOrderRowFields, RegisterTotalsFields } from "../operations.ts";

// The clerk's side of the registers (agenda REGISTERS): every entry whatever its status, the forms,
// publishing and withdrawing, and CSV/XLSX imports. Mutations answer the changed entry, so graphcache
// updates what is on screen; which lists hold which entries is invalidated in graphql/cache.ts.

const EntryStatusFields = graphql(`
  fragment EntryStatusFields on RegisterEntry @_unmask {
    id
    status
    publishedAt
    unpublishedAt
    unpublishReason
    updatedAt
  }
`);

/** Contracts and orders over 50 000 Kč excluding VAT go to the registr smluv within 30 days. */
export const RegistryFields = graphql(`
  fragment RegistryFields on RegistrySubject @_unmask {
    requiresRegistry
    registryId
    registryPublishedOn
    registryDeadline
    registryVoidDate
    registryOverdue
    registryCancelled
  }
`);

export const RegisterContractsQuery = graphql(
  `
    query RegisterContracts(
      $first: Int!
      $after: String
      $filter: RegisterFilter
      $orderBy: RegisterOrder
      $statuses: [RegisterStatus!]
      $registry: RegistryState
    ) {
      registerContracts(first: $first, after: $after, filter: $filter, orderBy: $orderBy, statuses: $statuses, registry: $registry) {
        totals {
          ...RegisterTotalsFields
        }
        edges {
          node {
            ...ContractRowFields
            ...EntryStatusFields
            ...RegistryFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [RegisterTotalsFields, ContractRowFields, EntryStatusFields, RegistryFields],
);

export const RegisterInvoicesQuery = graphql(
  `
    query RegisterInvoices($first: Int!, $after: String, $filter: RegisterFilter, $orderBy: RegisterOrder, $statuses: [RegisterStatus!]) {
      registerInvoices(first: $first, after: $after, filter: $filter, orderBy: $orderBy, statuses: $statuses) {
        totals {
          ...RegisterTotalsFields
        }
        edges {
          node {
            ...InvoiceRowFields
            ...EntryStatusFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [RegisterTotalsFields, InvoiceRowFields, EntryStatusFields],
);

export const RegisterPurchaseOrdersQuery = graphql(
  `
    query RegisterPurchaseOrders(
      $first: Int!
      $after: String
      $filter: RegisterFilter
      $orderBy: RegisterOrder
      $statuses: [RegisterStatus!]
      $registry: RegistryState
    ) {
      registerPurchaseOrders(first: $first, after: $after, filter: $filter, orderBy: $orderBy, statuses: $statuses, registry: $registry) {
        totals {
          ...RegisterTotalsFields
        }
        edges {
          node {
            ...PurchaseOrderRowFields
            ...EntryStatusFields
            ...RegistryFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [RegisterTotalsFields, PurchaseOrderRowFields, EntryStatusFields, RegistryFields],
);

/** Contracts or orders to link an invoice to, found by counterparty name or IČO. */
export const ContractChoicesQuery = graphql(`
  query ContractChoices($counterparty: String) {
    registerContracts(first: 20, filter: { counterparty: $counterparty }) {
      edges {
        node {
          id
          number
          subject
          counterpartyName
          signedOn
        }
      }
    }
  }
`);

export const OrderChoicesQuery = graphql(`
  query OrderChoices($counterparty: String) {
    registerPurchaseOrders(first: 20, filter: { counterparty: $counterparty }) {
      edges {
        node {
          id
          number
          subject
          supplierName
          orderedOn
        }
      }
    }
  }
`);

const ContractEditFields = graphql(
  `
    fragment ContractEditFields on Contract @_unmask {
      number
      subject
      counterpartyName
      counterpartyIco
      amountWithoutVat
      amountWithVat
      signedOn
      validFrom
      validUntil
      department
      attachment {
        fileName
        size
        url
      }
      ...EntryStatusFields
      ...RegistryFields
    }
  `,
  [EntryStatusFields, RegistryFields],
);

const InvoiceEditFields = graphql(
  `
    fragment InvoiceEditFields on Invoice @_unmask {
      number
      subject
      supplierName
      supplierIco
      amountWithoutVat
      amountWithVat
      issuedOn
      dueOn
      paidOn
      budgetParagraph
      budgetItem
      department
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
      ...EntryStatusFields
    }
  `,
  [EntryStatusFields],
);

const PurchaseOrderEditFields = graphql(
  `
    fragment PurchaseOrderEditFields on PurchaseOrder @_unmask {
      number
      subject
      supplierName
      supplierIco
      amountWithoutVat
      amountWithVat
      orderedOn
      department
      ...EntryStatusFields
      ...RegistryFields
    }
  `,
  [EntryStatusFields, RegistryFields],
);

export const ContractForEditQuery = graphql(
  `
    query ContractForEdit($id: ID!) {
      contract(id: $id) {
        ...ContractEditFields
      }
    }
  `,
  [ContractEditFields],
);

export const InvoiceForEditQuery = graphql(
  `
    query InvoiceForEdit($id: ID!) {
      invoice(id: $id) {
        ...InvoiceEditFields
      }
    }
  `,
  [InvoiceEditFields],
);

export const PurchaseOrderForEditQuery = graphql(
  `
    query PurchaseOrderForEdit($id: ID!) {
      purchaseOrder(id: $id) {
        ...PurchaseOrderEditFields
      }
    }
  `,
  [PurchaseOrderEditFields],
);

export const CreateContractMutation = graphql(
  `
    mutation CreateContract($input: ContractInput!) {
      createContract(input: $input) {
        __typename
        ... on CreateContractSuccess {
          contract {
            ...ContractEditFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ContractEditFields, ErrorFields],
);

export const UpdateContractMutation = graphql(
  `
    mutation UpdateContract($id: ID!, $input: ContractInput!) {
      updateContract(id: $id, input: $input) {
        __typename
        ... on UpdateContractSuccess {
          contract {
            ...ContractEditFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ContractEditFields, ErrorFields],
);

export const CreateInvoiceMutation = graphql(
  `
    mutation CreateInvoice($input: InvoiceInput!) {
      createInvoice(input: $input) {
        __typename
        ... on CreateInvoiceSuccess {
          invoice {
            ...InvoiceEditFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [InvoiceEditFields, ErrorFields],
);

export const UpdateInvoiceMutation = graphql(
  `
    mutation UpdateInvoice($id: ID!, $input: InvoiceInput!) {
      updateInvoice(id: $id, input: $input) {
        __typename
        ... on UpdateInvoiceSuccess {
          invoice {
            ...InvoiceEditFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [InvoiceEditFields, ErrorFields],
);

export const CreatePurchaseOrderMutation = graphql(
  `
    mutation CreatePurchaseOrder($input: PurchaseOrderInput!) {
      createPurchaseOrder(input: $input) {
        __typename
        ... on CreatePurchaseOrderSuccess {
          purchaseOrder {
            ...PurchaseOrderEditFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PurchaseOrderEditFields, ErrorFields],
);

export const UpdatePurchaseOrderMutation = graphql(
  `
    mutation UpdatePurchaseOrder($id: ID!, $input: PurchaseOrderInput!) {
      updatePurchaseOrder(id: $id, input: $input) {
        __typename
        ... on UpdatePurchaseOrderSuccess {
          purchaseOrder {
            ...PurchaseOrderEditFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PurchaseOrderEditFields, ErrorFields],
);

export const PublishRegisterEntryMutation = graphql(
  `
    mutation PublishRegisterEntry($id: ID!) {
      publishRegisterEntry(id: $id) {
        __typename
        ... on PublishRegisterEntrySuccess {
          entry {
            ...EntryStatusFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [EntryStatusFields, ErrorFields],
);

export const UnpublishRegisterEntryMutation = graphql(
  `
    mutation UnpublishRegisterEntry($id: ID!, $reason: String!) {
      unpublishRegisterEntry(id: $id, reason: $reason) {
        __typename
        ... on UnpublishRegisterEntrySuccess {
          entry {
            ...EntryStatusFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [EntryStatusFields, ErrorFields],
);

export const RegisterImportFields = graphql(`
  fragment RegisterImportFields on RegisterImport @_unmask {
    id
    kind
    fileName
    status
    rowCount
    validRowCount
    invalidRowCount
    problemCount
    importedCount
    createdAt
    decidedAt
    problems(limit: 500) {
      line
      column
      code
      message
    }
    previewRows(limit: 10) {
      line
      number
      subject
      partyName
      partyIco
      amountWithoutVat
      amountWithVat
      date
      dueOn
      department
    }
  }
`);

export const RegisterImportQuery = graphql(
  `
    query RegisterImport($id: ID!) {
      registerImport(id: $id) {
        ...RegisterImportFields
      }
    }
  `,
  [RegisterImportFields],
);

export const PreviewRegisterImportMutation = graphql(
  `
    mutation PreviewRegisterImport($input: PreviewRegisterImportInput!) {
      previewRegisterImport(input: $input) {
        __typename
        ... on PreviewRegisterImportSuccess {
          registerImport {
            ...RegisterImportFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [RegisterImportFields, ErrorFields],
);

export const CommitRegisterImportMutation = graphql(
  `
    mutation CommitRegisterImport($input: CommitRegisterImportInput!) {
      commitRegisterImport(input: $input) {
        __typename
        ... on CommitRegisterImportSuccess {
          registerImport {
            ...RegisterImportFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [RegisterImportFields, ErrorFields],
);

export const DiscardRegisterImportMutation = graphql(
  `
    mutation DiscardRegisterImport($id: ID!) {
      discardRegisterImport(id: $id) {
        __typename
        ... on DiscardRegisterImportSuccess {
          registerImport {
            ...RegisterImportFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [RegisterImportFields, ErrorFields],
);
