namespace SmartTrade.Samples.MouldMarket.Inquiries;

/// <summary>A buyer's request to mould makers: what part, which mould, how many shots, by when.</summary>
public sealed class MouldInquiry
{
    /// <summary>The inquiry's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The buyer's user id.</summary>
    public required string BuyerId { get; set; }

    /// <summary>The mould type wanted (a code of the market's <c>mouldType</c> attribute).</summary>
    public required string MouldType { get; set; }

    /// <summary>What the part is, in the buyer's words.</summary>
    public required string PartDescription { get; set; }

    /// <summary>How many cavities the buyer wants.</summary>
    public int Cavities { get; set; }

    /// <summary>The mould life wanted, in shots.</summary>
    public long ExpectedShots { get; set; }

    /// <summary>The latest acceptable delivery date.</summary>
    public DateOnly NeededBy { get; set; }

    /// <summary>When the inquiry was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
