CREATE TABLE `api_idempotency` (
	`token_id` integer NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_idempotency_uq` ON `api_idempotency` (`token_id`,`key`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`name` text NOT NULL,
	`scopes` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_public_uq` ON `api_tokens` (`public_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_name_idx` ON `api_tokens` (`name`);--> statement-breakpoint
CREATE TABLE `deployments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service` text NOT NULL,
	`environment` text NOT NULL,
	`version` text NOT NULL,
	`change_id` integer,
	`status` text NOT NULL,
	`run_url` text,
	`provider` text,
	`commit_sha` text,
	`reported_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deployments_change_idx` ON `deployments` (`change_id`,`id`);--> statement-breakpoint
CREATE INDEX `deployments_service_idx` ON `deployments` (`service`,`environment`,`created_at`);--> statement-breakpoint
CREATE TABLE `unregistered_deployments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deployment_id` integer NOT NULL,
	`status` text NOT NULL,
	`change_id` integer,
	`reason` text,
	`resolved_by` integer,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deployment_id`) REFERENCES `deployments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`change_id`) REFERENCES `changes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unregistered_deployment_uq` ON `unregistered_deployments` (`deployment_id`);--> statement-breakpoint
CREATE INDEX `unregistered_created_idx` ON `unregistered_deployments` (`created_at`);--> statement-breakpoint
CREATE INDEX `changes_state_end_idx` ON `changes` (`state`,`planned_end`);