using System.Globalization;

namespace SmartTrade.Benchmarks;

/// <summary>The <c>--name value</c> and <c>--flag</c> options of the benchmark tools.</summary>
public sealed class ToolArguments(IReadOnlyList<string> args)
{
    public bool Flag(string name) => args.Contains(name, StringComparer.Ordinal);

    public string? Value(string name)
    {
        var at = args.ToList().IndexOf(name);
        if (at < 0)
        {
            return null;
        }

        return at + 1 < args.Count ? args[at + 1] : throw new ArgumentException($"{name} needs a value.");
    }

    /// <summary>Every value of an option that may be given more than once (<c>--url A --url B</c>).</summary>
    public IReadOnlyList<string> Values(string name)
    {
        var values = new List<string>();
        for (var at = 0; at < args.Count; at++)
        {
            if (string.Equals(args[at], name, StringComparison.Ordinal))
            {
                values.Add(at + 1 < args.Count ? args[at + 1] : throw new ArgumentException($"{name} needs a value."));
            }
        }

        return values;
    }

    public string String(string name, string fallback) => Value(name) ?? fallback;

    public int Int(string name, int fallback)
    {
        var value = Value(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
    }
}
