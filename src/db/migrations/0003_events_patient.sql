ALTER TABLE "events" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_user_patient_seq" ON "events" USING btree ("user_id","patient_id","seq");--> statement-breakpoint
-- Existing rows: the patient is named in the payload (notes, steps, people events) or reached
-- through the plan item (reminder events), so the timeline covers the record written before this.
UPDATE "events" SET "patient_id" = coalesce(
  ("payload"->>'patientId')::uuid,
  ("payload"->'note'->>'patientId')::uuid,
  ("payload"->'patient'->>'id')::uuid,
  (SELECT "patient_id" FROM "plan_items" WHERE "id" = coalesce("payload"->'planItem'->>'id', "payload"->'reminder'->>'planItemId')::uuid)
);
