-- @brief Acts from the operator's console (`kb-service admin grant`) go to the moderation log too:
-- they have no acting account, so their actor is NULL.

ALTER TABLE moderation_log ALTER COLUMN actor_id DROP NOT NULL;
