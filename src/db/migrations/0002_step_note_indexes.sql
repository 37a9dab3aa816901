CREATE INDEX "checklist_note_idx" ON "checklist_items" USING btree ("note_id","position");--> statement-breakpoint
CREATE INDEX "plan_note_idx" ON "plan_items" USING btree ("note_id","position");