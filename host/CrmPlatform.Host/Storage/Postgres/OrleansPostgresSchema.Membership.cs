namespace CrmPlatform.Host.Storage.Postgres;

public static partial class OrleansPostgresSchema
{
    // Migration 1: the query table and cluster membership.
    //
    // Membership is optimistic: one version row per cluster (Orleans calls it the deployment) is the table's ETag.
    // Inserting or updating a silo's row succeeds only together with bumping that version from the value the silo
    // last read, in one statement; a silo that lost the race gets FALSE, re-reads and tries again. Heartbeats
    // (UpdateIAmAlivetimeKey) and clean-up of dead silos leave the version alone. Status 6 is SiloStatus.Dead.
    private const string Membership = """
        CREATE TABLE OrleansQuery (
            QueryKey varchar(64) PRIMARY KEY,
            QueryText text NOT NULL
        );

        CREATE TABLE orleans_membership_version (
            deployment_id text PRIMARY KEY,
            version integer NOT NULL DEFAULT 0,
            changed_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE orleans_membership (
            deployment_id text NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL DEFAULT 0,
            suspect_times text NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('InsertMembershipVersionKey', $q$
            WITH created AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) > 0 FROM created
        $q$),
        ('InsertMembershipKey', $q$
            WITH bumped AS (
                UPDATE orleans_membership_version v
                SET version = v.version + 1, changed_at = now()
                WHERE v.deployment_id = @DeploymentId AND v.version = @Version
                  AND NOT EXISTS (
                      SELECT 1 FROM orleans_membership m
                      WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                        AND m.port = @Port AND m.generation = @Generation)
                RETURNING v.deployment_id),
            inserted AS (
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                    status, proxy_port, start_time, i_am_alive_time)
                SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
                    @Status, COALESCE(@ProxyPort, 0), @StartTime, @IAmAliveTime
                FROM bumped b
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT count(*) > 0 FROM inserted
        $q$),
        ('UpdateMembershipKey', $q$
            WITH bumped AS (
                UPDATE orleans_membership_version v
                SET version = v.version + 1, changed_at = now()
                WHERE v.deployment_id = @DeploymentId AND v.version = @Version
                  AND EXISTS (
                      SELECT 1 FROM orleans_membership m
                      WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                        AND m.port = @Port AND m.generation = @Generation)
                RETURNING v.deployment_id),
            changed AS (
                UPDATE orleans_membership m
                SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM bumped b
                WHERE m.deployment_id = b.deployment_id AND m.address = @Address
                  AND m.port = @Port AND m.generation = @Generation
                RETURNING 1)
            SELECT count(*) > 0 FROM changed
        $q$),
        ('UpdateIAmAlivetimeKey', $q$
            UPDATE orleans_membership
            SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address
              AND port = @Port AND generation = @Generation
        $q$),
        ('MembershipReadRowKey', $q$
            SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port,
                m.generation AS Generation, m.silo_name AS SiloName, m.host_name AS HostName,
                m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
                m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId
        $q$),
        ('MembershipReadAllKey', $q$
            SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port,
                m.generation AS Generation, m.silo_name AS SiloName, m.host_name AS HostName,
                m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
                m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
        $q$),
        ('GatewaysQueryKey', $q$
            SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
        $q$),
        ('DeleteMembershipTableEntriesKey', $q$
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
        $q$),
        ('CleanupDefunctSiloEntriesKey', $q$
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = 6
              AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
        $q$);
        """;
}
