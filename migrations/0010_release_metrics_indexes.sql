CREATE INDEX `releases_started_idx` ON `releases` (`started_at`);--> statement-breakpoint
CREATE INDEX `releases_completed_idx` ON `releases` (`completed_at`);