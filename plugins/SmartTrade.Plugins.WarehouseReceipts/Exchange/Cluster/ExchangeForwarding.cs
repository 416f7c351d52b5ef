namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;

/// <summary>A command a follower host sends to the owner of the exchange (through the host's event fan-out).</summary>
/// <param name="Id">The correlation id the answer carries.</param>
/// <param name="ReplyTo">The sender's holder id: the answer goes to its replies topic.</param>
/// <param name="Command">The command in the journal's binary encoding (its sequence and time are the owner's to set).</param>
/// <param name="At">For a command stamped by the caller (the demo history): its time in Unix milliseconds.</param>
public sealed record ForwardedCommand(string Id, string ReplyTo, byte[] Command, long? At);

/// <summary>How the owner dealt with a forwarded command.</summary>
public enum ForwardOutcome
{
    /// <summary>The command was applied (and is durable) or refused by the exchange's rules; the reply says which.</summary>
    Answered,

    /// <summary>The receiving host is not the owner (any more): the command was not applied; ask the lease who is.</summary>
    NotOwner,

    /// <summary>The owner could not take the command (it is stepping down or its journal failed); it was not acknowledged.</summary>
    Unavailable,
}

/// <summary>The owner's answer to a <see cref="ForwardedCommand"/>.</summary>
/// <param name="Id">The command's correlation id.</param>
/// <param name="Outcome">Whether the owner answered.</param>
/// <param name="Error">The exchange's answer (<see cref="TradingError.None"/> when applied).</param>
/// <param name="OrderId">The order concerned.</param>
/// <param name="Filled">Quantity filled by the command, kg.</param>
/// <param name="Remaining">Quantity left resting, kg.</param>
/// <param name="OrderOutcome">What became of the order.</param>
/// <param name="Sequence">The command's journal sequence (0 when refused).</param>
/// <param name="FilledValue">The value of what the command filled, fen.</param>
public sealed record ForwardedReply(string Id, ForwardOutcome Outcome, TradingError Error, long OrderId, long Filled, long Remaining, OrderOutcome OrderOutcome, long Sequence, long FilledValue = 0)
{
    /// <summary>The reply as the sequencer's result.</summary>
    public ExchangeResult ToResult() => new(new ExchangeReply(Error, OrderId, Filled, Remaining, OrderOutcome, FilledValue), Sequence);

    /// <summary>The answer to <paramref name="id"/> from a sequencer's result.</summary>
    public static ForwardedReply From(string id, ExchangeResult result) =>
        new(id, ForwardOutcome.Answered, result.Reply.Error, result.Reply.OrderId, result.Reply.Filled, result.Reply.Remaining, result.Reply.Outcome, result.Sequence, result.Reply.FilledValue);

    /// <summary>A reply saying the command was not taken.</summary>
    public static ForwardedReply NotTaken(string id, ForwardOutcome outcome) => new(id, outcome, TradingError.None, 0, 0, 0, OrderOutcome.None, 0);
}

/// <summary>The owner has made the journal durable up to <paramref name="Sequence"/> (followers then read it).</summary>
/// <param name="Sequence">The last committed sequence.</param>
/// <param name="Owner">The announcing owner's holder id: a follower that hears a new one knows the owner changed.</param>
public sealed record JournalCommitted(long Sequence, string Owner);

/// <summary>
/// Work only the owner of the exchange does (settling trades in the registry, completing interrupted movements, listing
/// new instruments): started when this host takes the exchange, stopped when it gives it up.
/// </summary>
public interface IOwnerDuty
{
    /// <summary>This host now owns the exchange: start the duty (the sequencer has replayed the whole journal).</summary>
    Task BecomeOwnerAsync(IExchangeSequencer sequencer, CancellationToken cancellationToken);

    /// <summary>
    /// This host follows the exchange (at start, or after giving it up): stop the duty. A duty that is also an
    /// <see cref="IExchangeListener"/> is then told again, as a replay, of the commands its host rebuilds its replica from.
    /// </summary>
    Task StandByAsync(CancellationToken cancellationToken);
}
