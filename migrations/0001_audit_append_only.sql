-- The audit trail is evidence for auditors (SOX ITGC, SOC 2 CC8.1): the database itself refuses to rewrite or
-- remove it, so a bug or a careless script cannot alter history silently. The hash chain catches the rest.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only');
END;
