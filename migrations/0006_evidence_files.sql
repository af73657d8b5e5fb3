CREATE TABLE `evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`filename` text NOT NULL,
	`bytes` blob NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_files_expiry_idx` ON `evidence_files` (`expires_at`);