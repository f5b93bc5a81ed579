-- Substring search (LIKE '%word%') on the normalised search texts uses trigram indexes. pg_trgm ships with
-- PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Contract_searchText_idx" ON "Contract" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Invoice_searchText_idx" ON "Invoice" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Notice_searchText_idx" ON "Notice" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "PurchaseOrder_searchText_idx" ON "PurchaseOrder" USING GIN ("searchText" gin_trgm_ops);
