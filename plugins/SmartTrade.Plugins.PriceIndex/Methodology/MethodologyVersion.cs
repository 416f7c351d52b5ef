namespace SmartTrade.Plugins.PriceIndex.Methodology;

/// <summary>A published version of the methodology: its parameters, from which window on, and what changed.</summary>
public sealed class MethodologyVersion
{
    /// <summary>The version, e.g. <c>1.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>A sequence number giving the order of versions.</summary>
    public required int Sequence { get; init; }

    /// <summary>The first window (Unix ms of its end) computed under it.</summary>
    public required long EffectiveFromMs { get; init; }

    /// <summary>When it was published, Unix ms.</summary>
    public required long PublishedAtMs { get; init; }

    /// <summary>The parameters (<see cref="MethodologyParameters"/> as JSON).</summary>
    public required string ParametersJson { get; init; }

    /// <summary>What changed, Chinese.</summary>
    public required string NoteZh { get; init; }

    /// <summary>What changed, English.</summary>
    public required string NoteEn { get; init; }
}
