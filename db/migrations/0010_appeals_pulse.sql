CREATE TABLE `calibration_participants` (
	`session_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`invited_by` text NOT NULL,
	`invited_at` text NOT NULL,
	PRIMARY KEY(`session_id`, `person_id`),
	FOREIGN KEY (`session_id`) REFERENCES `calibration_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calibration_participants_person_idx` ON `calibration_participants` (`person_id`);--> statement-breakpoint
CREATE TABLE `pulse_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`department_id` integer,
	`acceptance` integer NOT NULL,
	`clarity` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pulse_answers_cycle_idx` ON `pulse_answers` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `pulse_requests` (
	`cycle_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`asked_at` text NOT NULL,
	`answered` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`cycle_id`, `person_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_appeals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`cycle_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`reason` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`due_at` text NOT NULL,
	`hr_reminded_at` text,
	`hr_overdue_at` text,
	`grade_before` text,
	`grade_after` text,
	`note` text,
	`resolved_by` text,
	`resolved_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_appeals_review_uq` ON `review_appeals` (`review_id`);--> statement-breakpoint
CREATE INDEX `review_appeals_status_idx` ON `review_appeals` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `review_appeals_cycle_idx` ON `review_appeals` (`cycle_id`);--> statement-breakpoint
ALTER TABLE `review_cycles` ADD `appeal_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `review_cycles` ADD `pulse` integer DEFAULT false NOT NULL;