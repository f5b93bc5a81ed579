import { cacheExchange } from "@urql/exchange-graphcache";
import { Client, fetchExchange } from "urql";
import { describe, expect, it } from "vitest";
import { ClerksQuery, CreateClerkMutation } from "../features/admin/operations.ts";
import { cacheConfig } from "./cache.ts";

// The cache rules against a scripted API (a `fetch` that answers like the server would): what a page shows after a
// mutation, checked without a server or a browser. The browser tests cover the same on the real stack.

function clerk(id: string, email: string) {
  return {
    __typename: "User",
    id,
    email,
    fullName: email,
    role: "CLERK",
    agendas: [],
    disabled: false,
    emailVerified: false,
    createdAt: "2026-11-26T10:00:00.000Z",
  };
}

/** Answers Clerks from `clerks` and CreateClerk by appending to it; records the operations it was asked. */
function scriptedApi(clerks: ReturnType<typeof clerk>[]) {
  const operations: string[] = [];
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
    const { operationName, variables } = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables: { input?: { email: string } };
    };
    operations.push(operationName);
    let data: unknown;
    if (operationName === "Clerks") {
      data = {
        clerks: {
          __typename: "UserConnection",
          edges: clerks.map((node) => ({ __typename: "UserEdge", node })),
          pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        },
      };
    } else {
      const created = clerk(`u${clerks.length + 1}`, variables.input!.email);
      clerks.push(created);
      data = { createClerk: { __typename: "CreateClerkSuccess", user: created } };
    }
    return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
  };
  return { fetch, operations };
}

describe("graphcache updates", () => {
  it("after createClerk, the paginated clerks list (queried with arguments) is fetched again and shows the new clerk", async () => {
    const api = scriptedApi([clerk("u1", "prvni@lipnice.example")]);
    const client = new Client({
      url: "http://portal.test/graphql",
      fetch: api.fetch,
      preferGetMethod: false,
      exchanges: [cacheExchange(cacheConfig), fetchExchange],
    });
    let shown: string[] = [];
    const subscription = client.query(ClerksQuery, { first: 50 }, { requestPolicy: "cache-and-network" }).subscribe((result) => {
      if (result.data) shown = result.data.clerks.edges.map((edge) => edge.node.email);
    });
    await expect.poll(() => shown).toEqual(["prvni@lipnice.example"]);

    const created = await client
      .mutation(CreateClerkMutation, { input: { email: "druhy@lipnice.example", fullName: "Druhý", role: "CLERK", agendas: [] } })
      .toPromise();
    expect(created.data?.createClerk.__typename).toBe("CreateClerkSuccess");

    await expect.poll(() => shown).toEqual(["prvni@lipnice.example", "druhy@lipnice.example"]);
    expect(api.operations).toEqual(["Clerks", "CreateClerk", "Clerks"]);
    subscription.unsubscribe();
  });
});
