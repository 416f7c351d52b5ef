namespace SmartTrade.Plugins.PriceIndex.Publication;

/// <summary>One version of a grade's published price for a window. Rows are only ever added.</summary>
public sealed class PublishedAssessment
{
    /// <summary>The grade.</summary>
    public required string Grade { get; init; }

    /// <summary>The window's end, Unix ms.</summary>
    public required long WindowEndMs { get; init; }

    /// <summary>1 for the first publication, then one more per correction.</summary>
    public required int Version { get; init; }

    /// <summary>Fen per tonne.</summary>
    public required long PriceMinor { get; init; }

    /// <summary>The method's name.</summary>
    public required string Method { get; init; }

    /// <summary>The methodology version it was computed under.</summary>
    public required string MethodologyVersion { get; init; }

    /// <summary>When it was published, Unix ms.</summary>
    public required long PublishedAtMs { get; init; }

    /// <summary>Why it was corrected; null for a first publication.</summary>
    public string? CorrectionReason { get; init; }

    /// <summary>The assessment with every input (<see cref="Assessment.PriceAssessment"/> as JSON).</summary>
    public required string InputsJson { get; init; }
}

/// <summary>One version of an index value for a window. Rows are only ever added.</summary>
public sealed class PublishedIndexValue
{
    /// <summary>The index code.</summary>
    public required string IndexCode { get; init; }

    /// <summary>The window's end, Unix ms.</summary>
    public required long WindowEndMs { get; init; }

    /// <summary>1 for the first publication, then one more per correction.</summary>
    public required int Version { get; init; }

    /// <summary>The value in hundredths of a point (the published value has two decimals).</summary>
    public required long ValueHundredths { get; init; }

    /// <summary>The methodology version it was computed under.</summary>
    public required string MethodologyVersion { get; init; }

    /// <summary>When it was published, Unix ms.</summary>
    public required long PublishedAtMs { get; init; }

    /// <summary>Why it was corrected; null for a first publication.</summary>
    public string? CorrectionReason { get; init; }

    /// <summary>What it was computed from (<see cref="Computation.IndexValueInputs"/> as JSON).</summary>
    public required string InputsJson { get; init; }

    /// <summary>The value in points.</summary>
    public decimal Value => ValueHundredths / 100m;
}

/// <summary>Where publication stands: the last window published and the engine's state after it (one row).</summary>
public sealed class PublicationCursor
{
    /// <summary>Always 1.</summary>
    public int Id { get; init; } = 1;

    /// <summary>The end of the last window published, Unix ms.</summary>
    public long LastWindowEndMs { get; set; }

    /// <summary>The engine's state (<see cref="Computation.IndexEngineState"/> as JSON).</summary>
    public required string StateJson { get; set; }
}
