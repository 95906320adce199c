CREATE TABLE `calibration_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`review_id` integer NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`reason` text NOT NULL,
	`override_reason` text,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calibration_changes_session_idx` ON `calibration_changes` (`session_id`,`id`);--> statement-breakpoint
CREATE TABLE `calibration_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`departments` text,
	`guideline` text NOT NULL,
	`minutes` text DEFAULT '' NOT NULL,
	`locked_at` text,
	`locked_by` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calibration_sessions_cycle_idx` ON `calibration_sessions` (`cycle_id`);