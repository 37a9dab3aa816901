-- One word from route to table: the rows behind /api/reminders are reminders. Renames only (no
-- index rebuild, no constraint re-check), so a large table moves at once.
ALTER TABLE "occurrences" RENAME TO "reminders";--> statement-breakpoint
ALTER TABLE "reminders" RENAME CONSTRAINT "occurrences_plan_item_id_plan_items_id_fk" TO "reminders_plan_item_id_plan_items_id_fk";--> statement-breakpoint
ALTER TABLE "reminders" RENAME CONSTRAINT "occurrences_patient_id_users_id_fk" TO "reminders_patient_id_users_id_fk";--> statement-breakpoint
ALTER INDEX "occurrences_item_seq" RENAME TO "reminders_item_seq";--> statement-breakpoint
ALTER INDEX "occurrences_status_due_idx" RENAME TO "reminders_status_due_idx";--> statement-breakpoint
ALTER INDEX "occurrences_patient_idx" RENAME TO "reminders_patient_idx";--> statement-breakpoint
ALTER INDEX "occurrences_pkey" RENAME TO "reminders_pkey";
