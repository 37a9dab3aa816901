CREATE TABLE "adherence_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"plan_item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"misses" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "doctor_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_invites_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "prn_doses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_item_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"over_max" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "skipped_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "extended_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_items" ADD COLUMN "wall_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "local_date" text;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "local_time" text;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "window_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" RENAME COLUMN "checked_in_at" TO "taken_at";--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "nudges" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "adherence_alerts" ADD CONSTRAINT "adherence_alerts_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adherence_alerts" ADD CONSTRAINT "adherence_alerts_doctor_id_users_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adherence_alerts" ADD CONSTRAINT "adherence_alerts_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_invites" ADD CONSTRAINT "doctor_invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_invites" ADD CONSTRAINT "doctor_invites_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prn_doses" ADD CONSTRAINT "prn_doses_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prn_doses" ADD CONSTRAINT "prn_doses_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_doctor_idx" ON "adherence_alerts" USING btree ("doctor_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "alerts_patient_idx" ON "adherence_alerts" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "prn_item_idx" ON "prn_doses" USING btree ("plan_item_id","taken_at");--> statement-breakpoint
-- v1 "checked in" is v2 "taken" (DESIGN §3).
UPDATE "reminders" SET "status" = 'taken' WHERE "status" = 'checked_in';--> statement-breakpoint
-- Doses planned before v2: their window is the v1 one (the next dose or half a day), and the next
-- step of a live one's delivery chain is due now (the worker's pass picks it up).
UPDATE "reminders" AS r SET
  "window_ends_at" = r."due_at" + make_interval(secs => least(p."interval_ms", 43200000) / 1000.0),
  "next_attempt_at" = CASE WHEN r."status" IN ('scheduled', 'due') THEN greatest(r."due_at", now()) END
FROM "plan_items" AS p WHERE p."id" = r."plan_item_id";
--> statement-breakpoint
UPDATE "plan_items" SET "wall_starts_at" = "starts_at";
