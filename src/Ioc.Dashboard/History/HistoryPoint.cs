using System.Globalization;
using System.Text.RegularExpressions;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Ioc.Time;

namespace Ioc.Dashboard.History;

/// <summary>One bucket of a history answer: its start (+07:00) and the mean of the metric in it.</summary>
public sealed record HistoryPoint(DateTimeOffset At, double Value);
