namespace Ioc.Simulator.Model;

/// <summary>
/// A small, fast, deterministic generator (SplitMix64). Streams are derived from the seed and a
/// purpose key with a stable hash, so the same seed always yields the same city, day and dossier,
/// independent of the order in which other streams are used or of how time is advanced.
/// </summary>
public sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    public static Rng For(int seed, string purpose, string key = "", long n = 0) => new(Hash(seed, purpose, key, n));

    public static ulong Hash(int seed, string purpose, string key, long n)
    {
        const ulong fnvOffset = 14695981039346656037UL, fnvPrime = 1099511628211UL;
        var h = fnvOffset;
        foreach (var c in purpose) { h ^= c; h *= fnvPrime; }
        h ^= '|'; h *= fnvPrime;
        foreach (var c in key) { h ^= c; h *= fnvPrime; }
        h = Mix(h ^ Mix((ulong)(uint)seed + 0x632BE59BD9B4E019UL));
        return Mix(h ^ Mix((ulong)n + 0x9E3779B97F4A7C15UL));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive)
    {
        if (maxExclusive <= min) return min;
        return min + (int)(NextUInt64() % (ulong)(maxExclusive - min));
    }

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Lognormal with the given mean and coefficient of variation (right-skewed, always positive).</summary>
    public double LogNormal(double mean, double cv)
    {
        var sigma2 = Math.Log(1 + cv * cv);
        return Math.Exp(Math.Log(mean) - sigma2 / 2 + Math.Sqrt(sigma2) * Normal());
    }

    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 40) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Normal()));
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do { k++; p *= NextDouble(); } while (p > l);
        return k - 1;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    public int PickWeighted(IReadOnlyList<double> weights)
    {
        double total = 0;
        for (var i = 0; i < weights.Count; i++) total += weights[i];
        var r = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Count - 1;
    }
}
