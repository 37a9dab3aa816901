-- Plans v2 (DESIGN §3, §7): FHIR-shaped timings, as-needed items, sealed sources, unclear parts,
-- a note's mode and the doctor's review preference. v1 items become N-per-1-day timings before
-- their columns go; the v1 words for a stopped step take the v2 ones.
CREATE TABLE "unclear_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"note_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"ciphertext" text NOT NULL,
	"iv" text NOT NULL,
	"tag" text NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "checklist_items" ADD COLUMN "source_ciphertext" text;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD COLUMN "source_iv" text;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD COLUMN "source_tag" text;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "mode" text DEFAULT 'replace' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "source_ciphertext" text;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "source_iv" text;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "source_tag" text;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "as_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "timing" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "review_before_start" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "unclear_items" ADD CONSTRAINT "unclear_items_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unclear_items" ADD CONSTRAINT "unclear_items_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unclear_note_idx" ON "unclear_items" USING btree ("note_id","position");--> statement-breakpoint
UPDATE "plan_items" SET "timing" = jsonb_build_object('frequency', "frequency_per_day", 'period', 1, 'periodUnit', 'd', 'dayOfWeek', '[]'::jsonb, 'timeOfDay', '[]'::jsonb, 'when', '[]'::jsonb, 'durationDays', "duration_days", 'startDay', 0);--> statement-breakpoint
UPDATE "plan_items" SET "status" = 'stopped' WHERE "status" = 'cancelled';--> statement-breakpoint
UPDATE "checklist_items" SET "status" = 'removed' WHERE "status" = 'cancelled';--> statement-breakpoint
ALTER TABLE "plan_items" DROP COLUMN "frequency_per_day";--> statement-breakpoint
ALTER TABLE "plan_items" DROP COLUMN "duration_days";