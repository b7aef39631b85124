namespace CrmPlatform.Host.Storage.Postgres;

public static partial class OrleansPostgresSchema
{
    // Migration 2: grain state.
    //
    // A row is keyed by service, state name (Orleans passes it as GrainTypeString) and grain key (two 64-bit halves
    // plus an optional string part). The string part may be NULL, which must stay distinct from an empty string, so
    // the key uses a generated column that encodes both. Writes are optimistic on the version (the grain's ETag): an
    // ETag-less write only inserts, an ETag'd write only updates that exact version; a lost race returns no row,
    // which the provider reports as an InconsistentStateException. The hashes Orleans sends are kept for reference.
    private const string GrainStorage = """
        CREATE TABLE orleans_storage (
            service_id text NOT NULL,
            grain_type text NOT NULL,
            grain_id_n0 bigint NOT NULL,
            grain_id_n1 bigint NOT NULL,
            grain_id_extension text NULL,
            grain_id_extension_key text GENERATED ALWAYS AS (COALESCE('+' || grain_id_extension, '-')) STORED,
            grain_type_hash integer NOT NULL,
            grain_id_hash integer NOT NULL,
            payload bytea NULL,
            version integer NOT NULL,
            modified_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension_key)
        );

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('ReadFromStorageKey', $q$
            SELECT payload AS PayloadBinary, version AS Version
            FROM orleans_storage
            WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
              AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
              AND grain_id_extension_key = COALESCE('+' || @GrainIdExtensionString, '-')
        $q$),
        ('WriteToStorageKey', $q$
            WITH updated AS (
                UPDATE orleans_storage
                SET payload = @PayloadBinary, version = version + 1, modified_at = now()
                WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
                  AND service_id = @ServiceId AND grain_type = @GrainTypeString
                  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
                  AND grain_id_extension_key = COALESCE('+' || @GrainIdExtensionString, '-')
                RETURNING version),
            inserted AS (
                INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                    grain_type_hash, grain_id_hash, payload, version)
                SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                    @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
                WHERE @GrainStateVersion IS NULL
                ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension_key) DO NOTHING
                RETURNING version)
            SELECT version AS NewGrainStateVersion FROM updated
            UNION ALL
            SELECT version FROM inserted
        $q$),
        ('ClearStorageKey', $q$
            UPDATE orleans_storage
            SET payload = NULL, version = version + 1, modified_at = now()
            WHERE version = @GrainStateVersion
              AND service_id = @ServiceId AND grain_type = @GrainTypeString
              AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
              AND grain_id_extension_key = COALESCE('+' || @GrainIdExtensionString, '-')
            RETURNING version AS NewGrainStateVersion
        $q$),
        ('DeleteStorageKey', $q$
            DELETE FROM orleans_storage
            WHERE version = @GrainStateVersion
              AND service_id = @ServiceId AND grain_type = @GrainTypeString
              AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
              AND grain_id_extension_key = COALESCE('+' || @GrainIdExtensionString, '-')
            RETURNING version + 1 AS NewGrainStateVersion
        $q$);
        """;
}
