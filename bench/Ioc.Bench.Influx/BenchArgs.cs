using System.Globalization;

namespace Ioc.Bench.Influx;

/// <summary>Command line of the benchmark.</summary>
internal sealed record BenchArgs
{
    public string? Url { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int Concurrency { get; init; } = 4;

    public int MaxQueuedPoints { get; init; } = 100_000;

    public string? ResultsPath { get; init; }

    public bool Append { get; init; } = true;

    public const string Usage = """
        Ioc.Bench.Influx: InfluxDB write throughput, raw HTTP ceiling vs. Ioc.History.InfluxWriter.
          --url URL            use a running InfluxDB 1.x (default: start a private influxd)
          --seconds N          length of the raw phase (default 10)
          --concurrency N      parallel requests in the raw phase (default 4)
          --max-queued N       InfluxWriter MaxQueuedPoints (default 100000)
          --results PATH       markdown file to append a row to (default: bench/results/influx.md)
          --no-append          print only
        """;

    public static BenchArgs Parse(string[] args)
    {
        var result = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            result = args[i] switch
            {
                "--url" => result with { Url = Next() },
                "--seconds" => result with { Duration = TimeSpan.FromSeconds(NextInt()) },
                "--concurrency" => result with { Concurrency = NextInt() },
                "--max-queued" => result with { MaxQueuedPoints = NextInt() },
                "--results" => result with { ResultsPath = Next() },
                "--no-append" => result with { Append = false },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}"),
            };
        }

        return result;
    }
}
