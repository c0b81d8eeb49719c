using System.Diagnostics;
using Microsoft.Data.Sqlite;

// The ward log's table and statements as SqliteWardLog writes them (WAL, synchronous=NORMAL, one
// transaction per round, a savepoint per batch, one INSERT per record of 120 bytes), rounds of
// B batches of R rows each, the batches' wards taken in turn from 126: CPU and commit time per row.
//   dotnet Ioc.Bench.LogRows.dll [--rounds-of "1x2,16x2,256x2,30x30"] [--rows 200000] [--page-size 4096] [--staged 8192]
// --staged N: rounds append to a rowid table in arrival order, moved into the ward-ordered table N rows at a time.
var shapes = Arg("--rounds-of", "1x2,4x2,16x2,64x2,256x2,30x30").Split(',');
var rowsWanted = int.Parse(Arg("--rows", "200000"));
var pageSize = int.Parse(Arg("--page-size", "4096"));
var staged = int.Parse(Arg("--staged", "0"));
var record = new byte[120];
new Random(20250701).NextBytes(record);

Console.WriteLine($"| batches × rows per round | rows | CPU µs per row | of which the commit (wall) | wall µs per row |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var shape in shapes)
{
    var (batches, rows) = (int.Parse(shape.Split('x')[0]), int.Parse(shape.Split('x')[1]));
    var path = Path.Combine(Path.GetTempPath(), $"ioc-bench-log-rows-{Environment.ProcessId}.db");
    foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
    {
        db.Open();
        Execute(db, $"PRAGMA page_size={pageSize};");
        Execute(db, "PRAGMA journal_mode=WAL;");
        Execute(db, "PRAGMA synchronous=NORMAL;");
        Execute(db, "CREATE TABLE log (ward TEXT NOT NULL, seq INTEGER NOT NULL, arrived INTEGER NOT NULL, record BLOB NOT NULL, PRIMARY KEY (ward, seq)) WITHOUT ROWID;");
        Execute(db, "CREATE TABLE staged (id INTEGER PRIMARY KEY, ward TEXT NOT NULL, seq INTEGER NOT NULL, arrived INTEGER NOT NULL, record BLOB NOT NULL);");
        var table = staged > 0 ? "staged" : "log";
        long stagedRows = 0;
        var seq = new long[126];
        var rounds = Math.Max(1, rowsWanted / (batches * rows));
        long written = 0, commitTicks = 0, ward = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            using var tx = db.BeginTransaction();
            using var insert = Command(db, tx, $"INSERT INTO {table} (ward, seq, arrived, record) VALUES ($w, $s, $a, $r)", "$w", "$s", "$a", "$r");
            using var savepoint = Command(db, tx, "SAVEPOINT ward");
            using var release = Command(db, tx, "RELEASE ward");
            for (var b = 0; b < batches; b++, ward = (ward + 1) % 126)
            {
                // Staged, a repeated seq is refused before the round (as SqliteWardLog does): no savepoint per batch.
                if (staged == 0) savepoint.ExecuteNonQuery();
                for (var i = 0; i < rows; i++, written++)
                {
                    insert.Parameters["$w"].Value = $"W{ward:00000}";
                    insert.Parameters["$s"].Value = ++seq[ward];
                    insert.Parameters["$a"].Value = 1_751_331_600_000L + written;
                    insert.Parameters["$r"].Value = record;
                    insert.ExecuteNonQuery();
                }
                if (staged == 0) release.ExecuteNonQuery();
            }
            var started = Stopwatch.GetTimestamp();
            tx.Commit();
            commitTicks += Stopwatch.GetTimestamp() - started;
            stagedRows += batches * rows;
            if (staged > 0 && (stagedRows >= staged || round == rounds - 1))
            {
                using var move = db.BeginTransaction();
                using (var copy = Command(db, move, "INSERT INTO log SELECT ward, seq, arrived, record FROM staged ORDER BY ward, seq")) copy.ExecuteNonQuery();
                using (var clear = Command(db, move, "DELETE FROM staged")) clear.ExecuteNonQuery();
                move.Commit();
                stagedRows = 0;
            }
        }
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
        Console.WriteLine($"| {batches} × {rows} | {written:N0} | {cpuUs / written:0.0} | {Stopwatch.GetElapsedTime(0, commitTicks).TotalMicroseconds / written:0.0} | {wall.Elapsed.TotalMicroseconds / written:0.0} |");
    }
    foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
}

static void Execute(SqliteConnection db, string sql)
{
    using var cmd = db.CreateCommand();
    cmd.CommandText = sql;
    cmd.ExecuteNonQuery();
}

static SqliteCommand Command(SqliteConnection db, SqliteTransaction tx, string sql, params string[] parameters)
{
    var cmd = db.CreateCommand();
    cmd.CommandText = sql;
    cmd.Transaction = tx;
    foreach (var p in parameters) cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
    return cmd;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
