CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- The head starts at the newest existing entry (or the genesis hash), so an existing chain continues.
INSERT INTO "audit_head" ("id", "prev_hash", "hash") SELECT 1, NULL, coalesce((SELECT "hash" FROM "audit_log" ORDER BY "id" DESC LIMIT 1), repeat('0', 64));
