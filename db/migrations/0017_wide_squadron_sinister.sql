CREATE TABLE `development_paths` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text,
	`duration_weeks` integer NOT NULL,
	`milestones` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `development_paths_name_uq` ON `development_paths` (`name`);--> statement-breakpoint
CREATE TABLE `mentoring_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mentorship_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`month` text NOT NULL,
	`asked_at` text NOT NULL,
	`answer` text,
	`answered_at` text,
	FOREIGN KEY (`mentorship_id`) REFERENCES `mentorships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentoring_checkins_uq` ON `mentoring_checkins` (`mentorship_id`,`person_id`,`month`);--> statement-breakpoint
CREATE INDEX `mentoring_checkins_person_idx` ON `mentoring_checkins` (`person_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `mentorships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mentor_id` integer NOT NULL,
	`mentee_id` integer NOT NULL,
	`goals` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`proposal` text,
	`confirmed_by` text NOT NULL,
	`confirmed_at` text NOT NULL,
	`ended_by` text,
	`ended_at` text,
	`end_reason` text,
	FOREIGN KEY (`mentor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentee_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentorships_active_mentee_uq` ON `mentorships` (`mentee_id`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `mentorships_mentor_idx` ON `mentorships` (`mentor_id`,`status`);--> statement-breakpoint
CREATE TABLE `path_assignment_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`milestone_index` integer NOT NULL,
	`goal_id` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `path_assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `path_assignment_goals_uq` ON `path_assignment_goals` (`assignment_id`,`milestone_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `path_assignment_goals_goal_uq` ON `path_assignment_goals` (`goal_id`);--> statement-breakpoint
CREATE TABLE `path_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`note` text,
	`assigned_by` text NOT NULL,
	`assigned_at` text NOT NULL,
	`closed_at` text,
	`close_reason` text,
	FOREIGN KEY (`path_id`) REFERENCES `development_paths`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `path_assignments_person_idx` ON `path_assignments` (`person_id`,`status`);--> statement-breakpoint
CREATE INDEX `path_assignments_path_idx` ON `path_assignments` (`path_id`,`status`);--> statement-breakpoint
ALTER TABLE `people` ADD `hired_on` text;--> statement-breakpoint
ALTER TABLE `goals` ADD `kind` text DEFAULT 'performance' NOT NULL;