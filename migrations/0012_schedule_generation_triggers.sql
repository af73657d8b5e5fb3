-- What the change schedule shows changed: the count views computed from it are checked against (see
-- schedule_generation in src/db/schema.ts). Triggers, so no write path can forget to say so.
INSERT INTO `schedule_generation` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_change_insert` AFTER INSERT ON `changes`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_change_update` AFTER UPDATE ON `changes`
WHEN OLD.`version` IS NOT NEW.`version` OR OLD.`state` IS NOT NEW.`state` OR OLD.`title` IS NOT NEW.`title` OR OLD.`type` IS NOT NEW.`type` OR OLD.`risk_level` IS NOT NEW.`risk_level` OR OLD.`services` IS NOT NEW.`services` OR OLD.`planned_start` IS NOT NEW.`planned_start` OR OLD.`planned_end` IS NOT NEW.`planned_end`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_change_delete` AFTER DELETE ON `changes`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_window_insert` AFTER INSERT ON `change_windows`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_window_update` AFTER UPDATE ON `change_windows`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_window_delete` AFTER DELETE ON `change_windows`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_release_insert` AFTER INSERT ON `releases`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_release_update` AFTER UPDATE ON `releases`
WHEN OLD.`version` IS NOT NEW.`version` OR OLD.`state` IS NOT NEW.`state` OR OLD.`name` IS NOT NEW.`name` OR OLD.`model_id` IS NOT NEW.`model_id` OR OLD.`planned_start` IS NOT NEW.`planned_start` OR OLD.`planned_end` IS NOT NEW.`planned_end`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `schedule_generation_release_delete` AFTER DELETE ON `releases`
BEGIN
	UPDATE `schedule_generation` SET `value` = `value` + 1 WHERE `id` = 1;
END;
