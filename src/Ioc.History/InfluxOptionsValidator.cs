using Microsoft.Extensions.Options;

namespace Ioc.History;

/// <summary>Reports <see cref="InfluxOptions.Validate"/> problems at host start.</summary>
internal sealed class InfluxOptionsValidator : IValidateOptions<InfluxOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
