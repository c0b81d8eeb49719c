using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Time;

namespace Ioc.Dashboard.Api;

/// <summary>
/// How the API and the live feed write JSON (api-v1): times in Asia/Ho_Chi_Minh (+07:00), whatever
/// the grains hold (UTC); alerts with a <c>title</c> rendered from their kind and facts (Vietnamese);
/// kinds (enums) as kebab-case words, never numbers.
/// </summary>
public static class IocJson
{
    /// <summary>What the live feed writes its frames with, once per frame, for the JSON and the MessagePack protocol alike.</summary>
    public static readonly JsonSerializerOptions Feed = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new HanoiTimeConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddAlertTitle);
        return options;
    }

    private static void AddAlertTitle(JsonTypeInfo info)
    {
        if (info.Type != typeof(Alert) || info.Kind != JsonTypeInfoKind.Object) return;
        var title = info.CreateJsonPropertyInfo(typeof(string), "title");
        title.Get = o => WallText.Vi.AlertTitle((Alert)o);
        info.Properties.Add(title);
    }

    /// <summary>An instant as the API writes it (Hanoi time, RFC 3339), for text such as a problem's detail.</summary>
    public static string Format(DateTimeOffset? at) => at is { } t ? HanoiTimeConverter.Text(t) : "an unknown time";

    /// <summary>Writes every instant with the Hanoi offset; reads any RFC 3339 offset.</summary>
    private sealed class HanoiTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Text(value));

        public static string Text(DateTimeOffset value) =>
            HanoiTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
    }
}
