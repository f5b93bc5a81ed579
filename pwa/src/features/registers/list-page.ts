import type { Totals } from "./parts.tsx";

// The public and the clerk's lists show every register in the same columns: these turn one page of
// a register's connection into rows that name the other party and the entry's date alike.

export interface ListPage<Row> {
  rows: Row[];
  totals: Totals;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
}

interface Connection<Node> {
  totals: Totals;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: ReadonlyArray<{ node: Node }>;
}

export function listPage<Node, Row>(connection: Connection<Node> | undefined, toRow: (node: Node) => Row): ListPage<Row> | undefined {
  return (
    connection && {
      totals: connection.totals,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
      rows: connection.edges.map(({ node }) => toRow(node)),
    }
  );
}

export const contractRow = <T extends { counterpartyName: string; counterpartyIco: string | null; signedOn: string }>(node: T) => ({
  ...node,
  partyName: node.counterpartyName,
  partyIco: node.counterpartyIco,
  date: node.signedOn,
});

export const invoiceRow = <T extends { supplierName: string; supplierIco: string | null; issuedOn: string }>(node: T) => ({
  ...node,
  partyName: node.supplierName,
  partyIco: node.supplierIco,
  date: node.issuedOn,
});

export const orderRow = <T extends { supplierName: string; supplierIco: string | null; orderedOn: string }>(node: T) => ({
  ...node,
  partyName: node.supplierName,
  partyIco: node.supplierIco,
  date: node.orderedOn,
});
