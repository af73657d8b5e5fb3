CREATE TABLE `objection_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_id` integer NOT NULL,
	`version` integer NOT NULL,
	`deadline` integer NOT NULL,
	`objected_at` integer,
	`objected_by` integer,
	`reason` text,
	`approved_at` integer,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objected_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objection_windows_uq` ON `objection_windows` (`change_id`,`version`);