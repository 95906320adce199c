DROP INDEX `reviews_self_due_idx`;--> statement-breakpoint
CREATE INDEX `reviews_undrafted_idx` ON `reviews` (`cycle_id`,`id`) WHERE draft_at is null;--> statement-breakpoint
CREATE INDEX `reviews_self_due_idx` ON `reviews` (`status`,`self_prompted_at`,`self_opens_at`) WHERE draft_at is not null;--> statement-breakpoint
ALTER TABLE `review_cycles` ADD `drafted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `review_cycles` ADD `drafting_done_at` text;--> statement-breakpoint
-- Cycles opened before drafting went into slices were drafted whole inside their opening transaction.
UPDATE `review_cycles` SET `drafted` = (SELECT count(*) FROM `reviews` r WHERE r.`cycle_id` = `review_cycles`.`id` AND r.`draft_at` IS NOT NULL), `drafting_done_at` = coalesce(`opened_at`, `created_at`) WHERE `status` != 'planned';
