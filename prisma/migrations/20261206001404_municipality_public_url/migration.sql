-- Every link the portal sends is built from the municipality's canonical public URL, never from the
-- request's Host header (which anyone can set). Existing municipalities get one derived from their
-- mapped host names: a public name (https) is preferred over local development names, which are
-- served over http on the default port. A municipality without any mapped host gets the local
-- default; admins correct it on the settings page (the portal warns at start in production).
-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "publicUrl" TEXT;

UPDATE "Municipality" AS m
SET "publicUrl" = COALESCE(
  (
    SELECT CASE
             WHEN h.hostname = 'localhost' OR h.hostname LIKE '%.localhost' OR h.hostname ~ '^[0-9.]+$' OR h.hostname LIKE '[%'
               THEN 'http://' || h.hostname || ':3000'
             ELSE 'https://' || h.hostname
           END
    FROM "MunicipalityHost" AS h
    WHERE h."municipalityId" = m.id
    ORDER BY
      (h.hostname = 'localhost' OR h.hostname LIKE '%.localhost' OR h.hostname ~ '^[0-9.]+$' OR h.hostname LIKE '[%'),
      (h.hostname <> 'localhost'),
      length(h.hostname),
      h.hostname
    LIMIT 1
  ),
  'http://localhost:3000'
);

ALTER TABLE "Municipality" ALTER COLUMN "publicUrl" SET NOT NULL;
