using Microsoft.Data.Sqlite;

namespace Ioc.Silo.Storage;

/// <summary>The grain-state file's statements, keyed by grain id and state name.</summary>
internal static class SqliteStatements
{
    public static SqliteConnection Open(string databasePath, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Pooling = false,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$g", SqliteType.Text);
        command.Parameters.Add("$s", SqliteType.Text);
        foreach (var p in extra) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    public static void Bind(SqliteCommand command, string grainId, string stateName)
    {
        command.Parameters["$g"].Value = grainId;
        command.Parameters["$s"].Value = stateName;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
