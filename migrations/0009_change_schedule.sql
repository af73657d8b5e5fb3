CREATE TABLE `calendar_feed_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feed_tokens_hash_uq` ON `calendar_feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feed_tokens_person_idx` ON `calendar_feed_tokens` (`person_id`);--> statement-breakpoint
CREATE TABLE `change_schedule_notes` (
	`change_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`freeze_justification` text,
	`freezes` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `change_windows` (
	`change_id` integer NOT NULL,
	`service` text NOT NULL,
	`planned_start` integer NOT NULL,
	`planned_end` integer NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_windows_change_service_uq` ON `change_windows` (`change_id`,`service`);--> statement-breakpoint
CREATE INDEX `change_windows_service_start_idx` ON `change_windows` (`service`,`planned_start`);