-- @brief The indicators at scale: one narrow row per visible question (question_facts) and each
-- expert's runs of active weeks (answer_runs), both kept by triggers in the writes' own
-- transactions, so the indicators route never joins threads with answers nor runs window
-- functions over every expert's weeks, and is never stale.

-- What the question figures read, one row per visible question: no row for a hidden one. The
-- first answer's delay is stored as the float8 that percentile_cont sorts.
CREATE TABLE question_facts (
    thread_id           bigint PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
    created_at          timestamptz NOT NULL,
    week                date NOT NULL,          -- Monday (UTC) of created_at
    territory           text,
    structure_type      text,
    step                text,
    first_answer_at     timestamptz,
    first_answer_hours  float8,
    solved              boolean NOT NULL        -- an accepted answer that is not hidden
);
CREATE INDEX question_facts_created_idx ON question_facts (created_at);
CREATE INDEX question_facts_territory_idx ON question_facts (territory, created_at);
CREATE INDEX question_facts_type_idx ON question_facts (structure_type, created_at);
CREATE INDEX question_facts_unanswered_idx ON question_facts (created_at)
    WHERE first_answer_at IS NULL;

-- A question's row as its thread, its first answer and its accepted answer say now (a visible
-- question only); a condition on thread_id reaches the tables through the view.
CREATE VIEW question_fact_source AS
SELECT t.id AS thread_id, t.created_at,
       date_trunc('week', t.created_at AT TIME ZONE 'UTC')::date AS week,
       t.territory, t.structure_type, t.step, f.first_answer_at,
       (extract(epoch FROM f.first_answer_at - t.created_at) / 3600)::float8 AS first_answer_hours,
       t.accepted_answer_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM answers h WHERE h.id = t.accepted_answer_id AND h.hidden) AS solved
  FROM threads t LEFT JOIN thread_first_answers f ON f.thread_id = t.id
 WHERE NOT t.hidden;

CREATE FUNCTION refresh_question_fact(p_thread bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM question_facts q
     WHERE q.thread_id = p_thread
       AND NOT EXISTS (SELECT 1 FROM question_fact_source s WHERE s.thread_id = p_thread);
    INSERT INTO question_facts SELECT * FROM question_fact_source WHERE thread_id = p_thread
    ON CONFLICT (thread_id) DO UPDATE SET
        created_at = EXCLUDED.created_at, week = EXCLUDED.week, territory = EXCLUDED.territory,
        structure_type = EXCLUDED.structure_type, step = EXCLUDED.step,
        first_answer_at = EXCLUDED.first_answer_at,
        first_answer_hours = EXCLUDED.first_answer_hours, solved = EXCLUDED.solved;
END;
$$;

-- The thread's row follows its own changes, its first answer's (thread_first_answers, kept by
-- schema/0014's triggers) and those of its answers' visibility (the accepted one may be hidden).
CREATE FUNCTION question_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'threads' THEN
        PERFORM refresh_question_fact(NEW.id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_question_fact(OLD.thread_id);
    ELSE
        PERFORM refresh_question_fact(NEW.thread_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER threads_fact_insert AFTER INSERT ON threads
    FOR EACH ROW EXECUTE FUNCTION question_fact_changed();
CREATE TRIGGER threads_fact_update
    AFTER UPDATE OF hidden, accepted_answer_id, created_at, territory, structure_type, step ON threads
    FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden
                       OR OLD.accepted_answer_id IS DISTINCT FROM NEW.accepted_answer_id
                       OR OLD.created_at IS DISTINCT FROM NEW.created_at
                       OR OLD.territory IS DISTINCT FROM NEW.territory
                       OR OLD.structure_type IS DISTINCT FROM NEW.structure_type
                       OR OLD.step IS DISTINCT FROM NEW.step)
    EXECUTE FUNCTION question_fact_changed();
CREATE TRIGGER first_answers_fact AFTER INSERT OR UPDATE OR DELETE ON thread_first_answers
    FOR EACH ROW EXECUTE FUNCTION question_fact_changed();
CREATE TRIGGER answers_fact_hidden AFTER UPDATE OF hidden ON answers
    FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden)
    EXECUTE FUNCTION question_fact_changed();

INSERT INTO question_facts SELECT * FROM question_fact_source;

-- Each author's runs of active weeks: an author is active in a week when they answered during
-- the 13 weeks ending with it, so each week with a visible answer covers itself and the 12
-- weeks after; covered weeks that touch are merged into one run [first_week, last_week]. The
-- weekly series counts the runs that contain each week (an author's runs never overlap).
CREATE TABLE answer_runs (
    author_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_week  date NOT NULL,
    last_week   date NOT NULL,
    PRIMARY KEY (author_id, first_week)
);
CREATE INDEX answer_runs_last_idx ON answer_runs (last_week);

CREATE FUNCTION refresh_answer_runs(p_author bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Two transactions changing the same author's weeks recompute one after the other, each
    -- reading what the other committed (read committed: every statement takes a new snapshot).
    PERFORM pg_advisory_xact_lock(17, p_author::integer);
    DELETE FROM answer_runs WHERE author_id = p_author;
    INSERT INTO answer_runs (author_id, first_week, last_week)
    SELECT p_author, min(week), max(week) + 84
      FROM (SELECT week, sum(starts_run) OVER (ORDER BY week) AS run
              FROM (SELECT week,
                           CASE WHEN lag(week) OVER (ORDER BY week) >= week - 91 THEN 0 ELSE 1 END
                               AS starts_run
                      FROM answer_weeks WHERE author_id = p_author AND answers > 0) a) n
     GROUP BY run;
END;
$$;

CREATE FUNCTION answer_weeks_refresh_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_answer_runs(NEW.author_id);
    RETURN NULL;
END;
$$;

-- Only a week that starts or stops having visible answers changes the runs.
CREATE TRIGGER answer_weeks_runs_insert AFTER INSERT ON answer_weeks
    FOR EACH ROW WHEN (NEW.answers > 0) EXECUTE FUNCTION answer_weeks_refresh_runs();
CREATE TRIGGER answer_weeks_runs_update AFTER UPDATE ON answer_weeks
    FOR EACH ROW WHEN ((OLD.answers > 0) IS DISTINCT FROM (NEW.answers > 0))
    EXECUTE FUNCTION answer_weeks_refresh_runs();

SELECT refresh_answer_runs(author_id) FROM answer_weeks GROUP BY author_id;
