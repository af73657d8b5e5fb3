CREATE INDEX `changes_state_board_start_idx` ON `changes` (`state`,`board_id`,`planned_start`);--> statement-breakpoint
CREATE INDEX `changes_requester_state_start_idx` ON `changes` (`requester_id`,`state`,`planned_start`);--> statement-breakpoint
CREATE INDEX `people_email_lower_idx` ON `people` (lower("email"));