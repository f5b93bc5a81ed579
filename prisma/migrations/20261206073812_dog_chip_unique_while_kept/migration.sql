-- A chip number identifies one dog: while a dog with it is kept in a town's registry (not ended), no second record
-- of the same chip in that town. Partial, so ended records (history) and dogs without a chip stay free; Prisma's
-- schema cannot express a partial index, so it is hand-written here.
CREATE UNIQUE INDEX "Dog_municipalityId_chipNumber_kept_key" ON "Dog" ("municipalityId", "chipNumber")
  WHERE "endedOn" IS NULL AND "chipNumber" IS NOT NULL;
