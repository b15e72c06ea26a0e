use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "La base locale ne peut pas être ouverte avec cette clé : clé erronée, ou le fichier n'est pas une base Tremplin."
    )]
    WrongKey,
    #[error(
        "La base locale est au schéma {found}, plus récent que celui de cette version de Tremplin ({supported}). Mettez Tremplin à jour."
    )]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("{entity} introuvable ({id}).")]
    NotFound { entity: &'static str, id: Uuid },
    #[error("Clé de chiffrement invalide : {0}")]
    BadKey(String),
    #[error("Données de référence illisibles ({file}) : {message}")]
    Reference { file: &'static str, message: String },
    #[error("Donnée stockée illisible ({entity} {id}) : {message}")]
    Corrupt { entity: &'static str, id: String, message: String },
    #[error("Erreur de la base locale : {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Erreur d'entrée-sortie : {0}")]
    Io(#[from] std::io::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;
