namespace Ioc.Silo.Log;

/// <summary>A ward's log read in order, a page at a time.</summary>
public static class WardLogPages
{
    public const int Page = 5000;

    /// <summary>Every record after <paramref name="afterSeq"/>, in seq order.</summary>
    public static async IAsyncEnumerable<LogRecord> Records(this IWardLog log, string ward, long afterSeq)
    {
        while (true)
        {
            var page = await log.Read(ward, afterSeq, Page);
            foreach (var r in page) yield return r;
            if (page.Count < Page) yield break;
            afterSeq = page[^1].Seq;
        }
    }
}
