using System.Globalization;
using CsCheck;
using Ioc.Time;

namespace Ioc.Tests.Ingest;

/// <summary>RFC 3339 exactly, as properties over generated times and their corruptions.</summary>
public sealed class Rfc3339Tests
{
    /// <summary>A time written the way RFC 3339 allows, with the instant it means worked out here, apart from the parser.</summary>
    private static readonly Gen<(string Text, DateTimeOffset Instant)> Written =
        from year in Gen.Int[1, 9999]
        from month in Gen.Int[1, 12]
        from dayPick in Gen.Int[1, 31]
        from hour in Gen.Int[0, 23]
        from minute in Gen.Int[0, 59]
        from second in Gen.Int[0, 59]
        from digits in Gen.Int[0, 12]
        from fraction in Gen.Long[0, 999_999_999_999]
        from offsetMinutes in Gen.Int[-14 * 60, 14 * 60]
        from utc in Gen.Bool
        from lower in Gen.Bool
        let day = Math.Min(dayPick, DateTime.DaysInMonth(year, month))
        let frac = fraction.ToString("D12", CultureInfo.InvariantCulture)[..digits]
        let offset = utc ? TimeSpan.Zero : TimeSpan.FromMinutes(offsetMinutes)
        let zone = utc ? (lower ? "z" : "Z") : $"{(offsetMinutes < 0 ? '-' : '+')}{Math.Abs(offsetMinutes) / 60:00}:{Math.Abs(offsetMinutes) % 60:00}"
        let text = string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}{(lower ? 't' : 'T')}{hour:00}:{minute:00}:{second:00}{(digits > 0 ? "." + frac : "")}{zone}")
        let ticks = digits == 0 ? 0 : long.Parse(frac.PadRight(7, '0')[..7], CultureInfo.InvariantCulture)
        let local = new DateTime(year, month, day, hour, minute, second).AddTicks(ticks)
        let utcTicks = local.Ticks - offset.Ticks
        where utcTicks >= DateTime.MinValue.Ticks && utcTicks <= DateTime.MaxValue.Ticks
        select (text, new DateTimeOffset(local, offset));

    [Fact]
    public void Every_rfc3339_time_reads_as_the_instant_it_names()
    {
        Written.Sample(w =>
        {
            Assert.True(Rfc3339.TryParse(w.Text, out var t), w.Text);
            Assert.Equal(w.Instant, t);
            Assert.Equal(w.Instant.Offset, t.Offset);
        }, iter: 20_000);
    }

    [Fact]
    public void A_space_anywhere_or_a_missing_offset_is_never_a_time()
    {
        Gen.Select(Written, Gen.Int[0, 40], Gen.Int[0, 3]).Sample((w, at, kind) =>
        {
            var position = Math.Min(at, w.Text.Length);
            var broken = kind switch
            {
                0 => w.Text.Insert(position, " "),
                1 => w.Text.Insert(position, "\t"),
                2 => w.Text.EndsWith('Z') || w.Text.EndsWith('z') ? w.Text[..^1] : w.Text[..^6],
                _ => w.Text.Replace('T', ' ').Replace('t', ' '),
            };
            Assert.False(Rfc3339.TryParse(broken, out _), broken);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("2026-11-25T24:00:00Z")]
    [InlineData("2026-02-29T09:00:00Z")]
    [InlineData("2026-11-25T09:00:60Z")]
    [InlineData("2026-11-25T09:00:00+14:01")]
    [InlineData("0001-01-01T00:00:00+00:01")]
    [InlineData("9999-12-31T23:59:59-00:01")]
    [InlineData("2026-11-25T09:00:00.Z")]
    [InlineData("２０２６-11-25T09:00:00Z")]
    public void Impossible_or_unrepresentable_times_are_refused(string text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Fact]
    public void Only_the_years_2000_to_2099_are_plausible()
    {
        Assert.True(Rfc3339.IsPlausible(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(Rfc3339.IsPlausible(new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(Rfc3339.IsPlausible(new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(Rfc3339.IsPlausible(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
