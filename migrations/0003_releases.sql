CREATE TABLE `release_changes` (
	`release_id` integer NOT NULL,
	`change_id` integer NOT NULL,
	`added_by` integer,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `release_changes_change_uq` ON `release_changes` (`change_id`);--> statement-breakpoint
CREATE INDEX `release_changes_release_idx` ON `release_changes` (`release_id`);--> statement-breakpoint
CREATE TABLE `release_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`platform` text NOT NULL,
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `release_posts_release_idx` ON `release_posts` (`release_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `release_posts_message_uq` ON `release_posts` (`platform`,`channel`,`message_id`);--> statement-breakpoint
CREATE TABLE `releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`generation` integer DEFAULT 1 NOT NULL,
	`model_id` text NOT NULL,
	`occurrence_at` integer,
	`sequence` integer NOT NULL,
	`name` text NOT NULL,
	`state` text NOT NULL,
	`planned_start` integer NOT NULL,
	`planned_end` integer NOT NULL,
	`manager_id` integer,
	`checklist` text NOT NULL,
	`exposures` text NOT NULL,
	`outcome` text,
	`notes` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `releases_state_start_idx` ON `releases` (`state`,`planned_start`);--> statement-breakpoint
CREATE INDEX `releases_manager_idx` ON `releases` (`manager_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `releases_occurrence_uq` ON `releases` (`model_id`,`occurrence_at`);