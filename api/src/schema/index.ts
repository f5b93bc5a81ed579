// Assembles the schema: each domain module registers its types on the shared builder.
import { lexicographicSortSchema } from "graphql";
import { builder } from "../builder.ts";
import "./scalars.ts";
import "./errors.ts";
import "./municipality.ts";
import "./accounts.ts";
import "./files.ts";
import "./notices.ts";
import "./registers.ts";
import "./account.ts";
import "./account-admin.ts";
import "./jobs.ts";
import "./statements.ts";
import "./card-payments.ts";
import "./budget.ts";
import "./notifications.ts";
import "./notification-channels.ts";
import "./submissions.ts";

builder.queryType({});
builder.mutationType({});

export const schema = lexicographicSortSchema(builder.toSchema());
