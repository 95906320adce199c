CREATE TABLE `talent_pool_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pool_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`event` text NOT NULL,
	`cycle_id` integer,
	`actor` text NOT NULL,
	`reason` text,
	`at` text NOT NULL,
	FOREIGN KEY (`pool_id`) REFERENCES `talent_pools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `talent_pool_members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `talent_pool_events_pool_idx` ON `talent_pool_events` (`pool_id`,`cycle_id`);--> statement-breakpoint
CREATE INDEX `talent_pool_events_member_idx` ON `talent_pool_events` (`member_id`);--> statement-breakpoint
CREATE TABLE `talent_pool_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pool_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`cycle_id` integer,
	`proposed_at` text NOT NULL,
	`decided_by` text,
	`decision_reason` text,
	`decided_at` text,
	`decided_cycle_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pool_id`) REFERENCES `talent_pools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_cycle_id`) REFERENCES `review_cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_pool_members_uq` ON `talent_pool_members` (`pool_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `talent_pool_members_status_idx` ON `talent_pool_members` (`pool_id`,`status`);--> statement-breakpoint
CREATE INDEX `talent_pool_members_person_idx` ON `talent_pool_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `talent_pools` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`rule` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `talent_pools_name_uq` ON `talent_pools` (`name`);