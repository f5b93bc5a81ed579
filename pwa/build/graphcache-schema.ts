import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "vite";

/**
 * Graphcache's view of the schema as a build-time module (`virtual:graphcache-schema`), derived from the generated
 * src/graphql/introspection.ts. That file is gql.tada's full introspection: every enum, input type and argument
 * default, a few hundred kB of source that grows with each feature. Graphcache reads far less: which fields each
 * object and interface type has and whether each is nullable (a list: whether its items are), which interfaces an
 * object implements, and each union's members. The home page ships just that, as a JSON string (JSON.parse starts
 * faster than the same object literal). The TypeScript types still come from graphql-env.d.ts.
 */
export const GRAPHCACHE_SCHEMA_MODULE = "virtual:graphcache-schema";
const RESOLVED_ID = `\0${GRAPHCACHE_SCHEMA_MODULE}`;

interface TypeRef {
  kind: string;
  name?: string | null;
  ofType?: TypeRef | null;
}
interface IntrospectionType {
  kind: string;
  name: string;
  fields?: readonly { name: string; type: TypeRef; args: readonly unknown[] }[] | null;
  interfaces?: readonly { kind: string; name: string }[] | null;
  possibleTypes?: readonly { kind: string; name: string }[] | null;
}
export interface Introspection {
  __schema: {
    queryType: { name: string } | null;
    mutationType: { name: string } | null;
    subscriptionType: { name: string } | null;
    types: readonly IntrospectionType[];
  };
}

/** The NON_NULL and LIST wrappers decide nullability; the named type itself is never looked at. */
const typeRef = (ref: TypeRef): TypeRef => (ref.ofType ? { kind: ref.kind, ofType: typeRef(ref.ofType) } : { kind: ref.kind });

/** What graphcache's schema awareness reads, and nothing else. */
export function minifyForGraphcache({ __schema: schema }: Introspection): Introspection {
  const types: IntrospectionType[] = [];
  for (const type of schema.types) {
    if (type.name.startsWith("__")) continue;
    if (type.kind === "OBJECT" || type.kind === "INTERFACE") {
      types.push({
        kind: type.kind,
        name: type.name,
        fields: (type.fields ?? []).map((field) => ({
          name: field.name,
          type: typeRef(field.type),
          // Graphcache keeps an index of arguments but never reads it.
          args: [],
        })),
        interfaces: (type.interfaces ?? []).map(({ kind, name }) => ({ kind, name })),
      });
    } else if (type.kind === "UNION") {
      types.push({ kind: type.kind, name: type.name, possibleTypes: (type.possibleTypes ?? []).map(({ kind, name }) => ({ kind, name })) });
    }
  }
  return {
    __schema: {
      queryType: schema.queryType && { name: schema.queryType.name },
      mutationType: schema.mutationType && { name: schema.mutationType.name },
      subscriptionType: schema.subscriptionType && { name: schema.subscriptionType.name },
      types,
    },
  };
}

export function graphcacheSchema(introspectionFile: string): Plugin {
  return {
    name: "portal:graphcache-schema",
    resolveId(id) {
      return id === GRAPHCACHE_SCHEMA_MODULE ? RESOLVED_ID : undefined;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(introspectionFile);
      // The generated file is TypeScript with only erasable syntax (`as const`): Node imports it as it is.
      const version = fs.statSync(introspectionFile).mtimeMs;
      const { introspection } = (await import(`${pathToFileURL(path.resolve(introspectionFile)).href}?v=${version}`)) as {
        introspection: Introspection;
      };
      const json = JSON.stringify(minifyForGraphcache(introspection));
      return `export const schema = JSON.parse(${JSON.stringify(json)});\n`;
    },
  };
}
