CREATE TABLE `points_monthly` (
	`score_month` text NOT NULL,
	`person_id` integer NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`score_month`, `person_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `points_monthly_rank_idx` ON `points_monthly` (`score_month`,`score`,`person_id`);--> statement-breakpoint
ALTER TABLE `identities` ADD `dm_channel` text;--> statement-breakpoint
INSERT INTO `points_monthly` (`score_month`, `person_id`, `score`)
  SELECT `score_month`, `person_id`, sum(`amount`) FROM `points_ledger` WHERE `score_month` IS NOT NULL GROUP BY `score_month`, `person_id`;--> statement-breakpoint
CREATE TRIGGER `points_monthly_keep` AFTER INSERT ON `points_ledger` WHEN NEW.`score_month` IS NOT NULL BEGIN
  INSERT INTO `points_monthly` (`score_month`, `person_id`, `score`) VALUES (NEW.`score_month`, NEW.`person_id`, NEW.`amount`)
    ON CONFLICT (`score_month`, `person_id`) DO UPDATE SET `score` = `score` + excluded.`score`;
END;
