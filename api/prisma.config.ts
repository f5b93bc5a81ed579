import { defineConfig } from "prisma/config";

// The Prisma CLI is used only for `prisma generate` (migrations run through our own runner,
// see api/src/db/migrate.ts), so no datasource URL is needed here.
export default defineConfig({
  schema: "../prisma/schema.prisma",
});
