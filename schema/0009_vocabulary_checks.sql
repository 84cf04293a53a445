-- The closed vocabularies of indexer/search/vocabulary.cpp, checked here too where a column takes
-- them and no check did yet: a thread's step, an article's steps and structure types (kinds,
-- roles and a structure type of users and threads were checked from the start).
-- tests/integration/vocabulary_test.cpp holds every such check to the C++ lists.
ALTER TABLE threads ADD CONSTRAINT threads_step_check CHECK (step IN (
    'comprendre-iae', 'projet-insertion', 'dossier-demande', 'negociation-objectifs', 'moyens',
    'avis-cdiae', 'signature', 'annexe-financiere', 'recrutement-parcours',
    'suivi-dialogue-gestion', 'renouvellement'));

ALTER TABLE articles ADD CONSTRAINT articles_steps_check CHECK (steps <@ ARRAY[
    'comprendre-iae', 'projet-insertion', 'dossier-demande', 'negociation-objectifs', 'moyens',
    'avis-cdiae', 'signature', 'annexe-financiere', 'recrutement-parcours',
    'suivi-dialogue-gestion', 'renouvellement']::text[]);

ALTER TABLE articles ADD CONSTRAINT articles_structure_types_check
    CHECK (structure_types <@ ARRAY['ACI', 'AI', 'EI', 'ETTI', 'EITI']::text[]);
