namespace CrmPlatform.Host.Storage.Postgres;

public static partial class OrleansPostgresSchema
{
    // Migration 3: reminders.
    //
    // Each silo reads the reminders whose grain hash falls in its slice of the ring: (begin, end] when begin < end
    // (ReadRangeRows1Key), otherwise the slice wraps around (ReadRangeRows2Key). Orleans sends the unsigned hashes
    // cast to integer, so both sides compare as signed 32-bit values. The version is the reminder's ETag.
    private const string Reminders = """
        CREATE TABLE orleans_reminders (
            service_id text NOT NULL,
            grain_id text NOT NULL,
            reminder_name text NOT NULL,
            start_time timestamptz NOT NULL,
            period bigint NOT NULL,
            grain_hash integer NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );

        CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('UpsertReminderRowKey', $q$
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
                version = orleans_reminders.version + 1
            RETURNING version AS Version
        $q$),
        ('ReadReminderRowsKey', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId
        $q$),
        ('ReadReminderRowKey', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
        $q$),
        ('ReadRangeRows1Key', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
        $q$),
        ('ReadRangeRows2Key', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
        $q$),
        ('DeleteReminderRowKey', $q$
            WITH deleted AS (
                DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId
                  AND reminder_name = @ReminderName AND version = @Version
                RETURNING 1)
            SELECT count(*) > 0 FROM deleted
        $q$),
        ('DeleteReminderRowsKey', $q$
            DELETE FROM orleans_reminders WHERE service_id = @ServiceId
        $q$);
        """;
}
