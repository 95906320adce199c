CREATE TABLE `people_import_rows` (
	`import_id` integer NOT NULL,
	`piece` integer NOT NULL,
	`rows` text NOT NULL,
	PRIMARY KEY(`import_id`, `piece`),
	FOREIGN KEY (`import_id`) REFERENCES `people_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `people_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`phase` text DEFAULT 'people' NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`plan` text NOT NULL,
	`result` text,
	`claimed_by` text,
	`claimed_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `people_imports_status_idx` ON `people_imports` (`status`);