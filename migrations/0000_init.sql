CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`change_id` integer,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`platform` text NOT NULL,
	`action` text NOT NULL,
	`version` integer,
	`reason` text,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_change_idx` ON `audit_events` (`change_id`);--> statement-breakpoint
CREATE TABLE `card_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_id` integer NOT NULL,
	`platform` text NOT NULL,
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `card_posts_change_idx` ON `card_posts` (`change_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `card_posts_message_uq` ON `card_posts` (`platform`,`channel`,`message_id`);--> statement-breakpoint
CREATE TABLE `changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`type` text NOT NULL,
	`state` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`justification` text NOT NULL,
	`services` text NOT NULL,
	`planned_start` integer NOT NULL,
	`planned_end` integer NOT NULL,
	`risk_answers` text NOT NULL,
	`risk_score` integer NOT NULL,
	`risk_level` text NOT NULL,
	`implementation_plan` text NOT NULL,
	`backout_plan` text NOT NULL,
	`test_plan` text NOT NULL,
	`model_id` text,
	`board_id` text,
	`approval_route` text,
	`requester_id` integer NOT NULL,
	`source_link` text,
	`outcome` text,
	`outcome_note` text,
	`incidents_caused` integer,
	`review` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	`expires_at` integer,
	`started_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`requester_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `changes_state_idx` ON `changes` (`state`);--> statement-breakpoint
CREATE INDEX `changes_requester_idx` ON `changes` (`requester_id`);--> statement-breakpoint
CREATE INDEX `changes_start_idx` ON `changes` (`planned_start`);--> statement-breakpoint
CREATE TABLE `conversation_refs` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`team_id` text,
	`name` text,
	`person_id` integer,
	`reference` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversation_refs_person_idx` ON `conversation_refs` (`person_id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`run_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 8 NOT NULL,
	`lease_until` integer,
	`dedupe_key` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_dedupe_uq` ON `jobs` (`dedupe_key`) WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`slack_user_id` text,
	`teams_user_id` text,
	`teams_channel_id` text,
	`timezone` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_email_uq` ON `people` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_slack_uq` ON `people` (`slack_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_teams_uq` ON `people` (`teams_user_id`);--> statement-breakpoint
CREATE TABLE `processed_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_id` integer NOT NULL,
	`version` integer NOT NULL,
	`asker_id` integer NOT NULL,
	`question` text NOT NULL,
	`asked_at` integer NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asker_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_change_idx` ON `questions` (`change_id`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`version` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`platform` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `votes_one_per_person_uq` ON `votes` (`change_id`,`person_id`,`version`);