-- ROME 4.0 (France Travail's job nomenclature): its fiches, their grand
-- domaine, and the fiches met in each NAF division, used to suggest jobs
-- from an employer's activity. Reference data: reloaded from
-- assets/reference/ whenever the shipped files change.
CREATE TABLE ref_rome_grand_domaine (
    code    TEXT PRIMARY KEY,
    libelle TEXT NOT NULL
) STRICT;

CREATE TABLE ref_rome (
    code          TEXT PRIMARY KEY,
    libelle       TEXT NOT NULL,
    grand_domaine TEXT NOT NULL REFERENCES ref_rome_grand_domaine (code),
    domaine       TEXT NOT NULL
) STRICT;

CREATE TABLE ref_naf_rome (
    naf_division TEXT NOT NULL,
    rome_code    TEXT NOT NULL REFERENCES ref_rome (code),
    PRIMARY KEY (naf_division, rome_code)
) STRICT, WITHOUT ROWID;
