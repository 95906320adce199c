CREATE TABLE `check_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`goal_id` integer NOT NULL,
	`checkpoint_id` integer,
	`person_id` integer NOT NULL,
	`value` real NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`on_time` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `check_ins_goal_idx` ON `check_ins` (`goal_id`,`at`);--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`goal_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`checked_in_at` text,
	`on_time` integer,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkpoints_goal_due_uq` ON `checkpoints` (`goal_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `checkpoints_open_idx` ON `checkpoints` (`checked_in_at`,`due_date`);--> statement-breakpoint
CREATE TABLE `escalation_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`department_id` integer,
	`remind_before_days` integer DEFAULT 3 NOT NULL,
	`remind_on_due_day` integer DEFAULT true NOT NULL,
	`manager_after_days` integer DEFAULT 1 NOT NULL,
	`further_after_days` integer,
	`further_to` text DEFAULT 'skip_level' NOT NULL,
	`work_start` text DEFAULT '09:00' NOT NULL,
	`work_end` text DEFAULT '18:00' NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalation_rules_dept_uq` ON `escalation_rules` (`department_id`);--> statement-breakpoint
CREATE TABLE `escalation_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checkpoint_id` integer NOT NULL,
	`step` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalation_steps_uq` ON `escalation_steps` (`checkpoint_id`,`step`);--> statement-breakpoint
CREATE TABLE `goal_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`goal_id` integer NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`changes` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `goal_revisions_goal_idx` ON `goal_revisions` (`goal_id`,`at`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`parent_id` integer,
	`level` text NOT NULL,
	`title` text NOT NULL,
	`owner_id` integer NOT NULL,
	`department_id` integer,
	`unit` text DEFAULT '' NOT NULL,
	`start_value` real NOT NULL,
	`target_value` real NOT NULL,
	`current_value` real NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`checkin_every_days` integer DEFAULT 14 NOT NULL,
	`status` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `goals_ref_uq` ON `goals` (`ref`);--> statement-breakpoint
CREATE INDEX `goals_parent_idx` ON `goals` (`parent_id`);--> statement-breakpoint
CREATE INDEX `goals_owner_idx` ON `goals` (`owner_id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `data` text;