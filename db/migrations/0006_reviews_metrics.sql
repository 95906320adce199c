CREATE TABLE `metric_definitions` (
	`key` text PRIMARY KEY NOT NULL,
	`label_zh` text NOT NULL,
	`label_en` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`direction` text NOT NULL,
	`aggregation` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `metric_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`value_id` integer NOT NULL,
	`before` real NOT NULL,
	`after` real NOT NULL,
	`source` text NOT NULL,
	`reason` text,
	`actor` text,
	`at` text NOT NULL,
	FOREIGN KEY (`value_id`) REFERENCES `metric_values`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `metric_revisions_value_idx` ON `metric_revisions` (`value_id`);--> statement-breakpoint
CREATE TABLE `metric_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`metric_key` text NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`metric_key`) REFERENCES `metric_definitions`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_values_uq` ON `metric_values` (`source`,`person_id`,`metric_key`,`period`);--> statement-breakpoint
CREATE INDEX `metric_values_person_idx` ON `metric_values` (`person_id`,`period`,`metric_key`);--> statement-breakpoint
CREATE INDEX `metric_values_period_idx` ON `metric_values` (`period`);--> statement-breakpoint
CREATE TABLE `rating_scales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grades` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `review_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`departments` text,
	`scale` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`opened_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_cycles_period_uq` ON `review_cycles` (`kind`,`period_start`,`period_end`,`name`);--> statement-breakpoint
CREATE TABLE `review_template_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `review_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_template_versions_uq` ON `review_template_versions` (`template_id`,`version`);--> statement-breakpoint
CREATE TABLE `review_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`job_function` text NOT NULL,
	`current_version` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_templates_function_uq` ON `review_templates` (`job_function`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`manager_id` integer,
	`template_version_id` integer NOT NULL,
	`status` text DEFAULT 'self_review' NOT NULL,
	`self_opens_at` text NOT NULL,
	`draft` text,
	`draft_at` text,
	`total` real,
	`suggested_grade` text,
	`cap_grade` text,
	`floor_grade` text,
	`flags` text DEFAULT '[]' NOT NULL,
	`self_answers` text,
	`self_submitted_at` text,
	`ratings` text,
	`grade` text,
	`feedback` text,
	`override_reason` text,
	`needs_calibration` integer DEFAULT false NOT NULL,
	`manager_submitted_at` text,
	`submitted_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_version_id`) REFERENCES `review_template_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_cycle_person_uq` ON `reviews` (`cycle_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `reviews_person_idx` ON `reviews` (`person_id`);--> statement-breakpoint
CREATE INDEX `reviews_manager_idx` ON `reviews` (`manager_id`,`cycle_id`);