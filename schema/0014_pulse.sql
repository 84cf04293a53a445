-- The community's indicators: what they read is kept ready by the writes themselves, so the
-- indicators route reads one row per question and never scans the answers.

-- When a question first got an answer from someone other than its asker (no row: not yet, or
-- every such answer is hidden). Kept beside the thread rather than on it: answer transactions
-- hold a share lock on their thread, and updating the thread row from each of them would make
-- concurrent answers deadlock. Maintained by the triggers below for every write to answers,
-- whoever makes it, and filled once here for the questions that exist.
CREATE TABLE thread_first_answers (
    thread_id        bigint PRIMARY KEY REFERENCES threads (id),
    first_answer_at  timestamptz NOT NULL
);

CREATE FUNCTION answers_note_first_answer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT NEW.hidden AND NEW.author_id <> (SELECT author_id FROM threads WHERE id = NEW.thread_id) THEN
        INSERT INTO thread_first_answers (thread_id, first_answer_at)
        VALUES (NEW.thread_id, NEW.created_at)
        ON CONFLICT (thread_id) DO UPDATE SET first_answer_at = EXCLUDED.first_answer_at
            WHERE thread_first_answers.first_answer_at > EXCLUDED.first_answer_at;
    END IF;
    RETURN NULL;
END;
$$;

-- Hiding or restoring an answer can move the first answer either way: recount that thread.
CREATE FUNCTION answers_recount_first_answer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first timestamptz;
BEGIN
    SELECT min(a.created_at) INTO first
      FROM answers a JOIN threads t ON t.id = a.thread_id
     WHERE a.thread_id = NEW.thread_id AND NOT a.hidden AND a.author_id <> t.author_id;
    IF first IS NULL THEN
        DELETE FROM thread_first_answers WHERE thread_id = NEW.thread_id;
    ELSE
        INSERT INTO thread_first_answers (thread_id, first_answer_at) VALUES (NEW.thread_id, first)
        ON CONFLICT (thread_id) DO UPDATE SET first_answer_at = EXCLUDED.first_answer_at;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER answers_first_answer_insert AFTER INSERT ON answers
    FOR EACH ROW EXECUTE FUNCTION answers_note_first_answer();
CREATE TRIGGER answers_first_answer_hidden AFTER UPDATE OF hidden ON answers
    FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden)
    EXECUTE FUNCTION answers_recount_first_answer();

INSERT INTO thread_first_answers (thread_id, first_answer_at)
SELECT a.thread_id, min(a.created_at)
  FROM answers a JOIN threads t ON t.id = a.thread_id
 WHERE NOT a.hidden AND a.author_id <> t.author_id
 GROUP BY a.thread_id;

-- Hidden answers, few: an accepted answer that is hidden does not solve its question.
CREATE INDEX answers_hidden_idx ON answers (id) WHERE hidden;

-- Active experts over a period: who answered since a date (summary, exact to the day).
CREATE INDEX answers_created_author_idx ON answers (created_at, author_id) WHERE NOT hidden;

-- Visible answers per author and week (Monday, UTC): the weekly series' active experts read this
-- small table instead of the answers. Kept by the triggers below.
CREATE TABLE answer_weeks (
    week       date NOT NULL,
    author_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answers    integer NOT NULL,
    PRIMARY KEY (author_id, week)
);

CREATE FUNCTION count_answer_week(p_author bigint, p_at timestamptz, p_delta integer)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO answer_weeks (week, author_id, answers)
    VALUES (date_trunc('week', p_at AT TIME ZONE 'UTC')::date, p_author, p_delta)
    ON CONFLICT (author_id, week) DO UPDATE SET answers = answer_weeks.answers + EXCLUDED.answers;
$$;

CREATE FUNCTION answers_count_week() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT NEW.hidden THEN PERFORM count_answer_week(NEW.author_id, NEW.created_at, 1); END IF;
    ELSE
        PERFORM count_answer_week(NEW.author_id, NEW.created_at, CASE WHEN NEW.hidden THEN -1 ELSE 1 END);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER answers_week_insert AFTER INSERT ON answers
    FOR EACH ROW EXECUTE FUNCTION answers_count_week();
CREATE TRIGGER answers_week_hidden AFTER UPDATE OF hidden ON answers
    FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden)
    EXECUTE FUNCTION answers_count_week();

INSERT INTO answer_weeks (week, author_id, answers)
SELECT date_trunc('week', created_at AT TIME ZONE 'UTC')::date, author_id, count(*)
  FROM answers WHERE NOT hidden GROUP BY 1, 2;

-- Signed-in members seen in a week (Monday, UTC; any authenticated request, read or write), and
-- how many per week, département and structure type (as their profile said that week), so the
-- weekly active members are a sum over a few rows. '' stands for "not given".
CREATE TABLE member_activity (
    week     date NOT NULL,
    user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (week, user_id)
);

CREATE TABLE member_week_counts (
    week            date NOT NULL,
    territory       text NOT NULL,
    structure_type  text NOT NULL,
    members         integer NOT NULL,
    PRIMARY KEY (week, territory, structure_type)
);

CREATE FUNCTION member_activity_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO member_week_counts (week, territory, structure_type, members)
    SELECT NEW.week, coalesce(u.territory, ''), coalesce(u.structure_type, ''), 1
      FROM users u WHERE u.id = NEW.user_id
    ON CONFLICT (week, territory, structure_type)
        DO UPDATE SET members = member_week_counts.members + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER member_activity_counted AFTER INSERT ON member_activity
    FOR EACH ROW EXECUTE FUNCTION member_activity_count();
