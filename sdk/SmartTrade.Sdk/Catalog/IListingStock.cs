namespace SmartTrade.Sdk.Catalog;

/// <summary>
/// Stock and availability of listings for a market plugin that keeps the goods' source of truth itself (harvest
/// batches, forecasts of a pre-sale, shelf lives). The host implements it and exposes it to every plugin's service
/// provider; each change goes through the host's outbox like a merchant's own, so search and plugins hear of it.
/// </summary>
/// <remarks>
/// The host does not check who asks: a plugin changes only listings of its own market, on behalf of their merchant,
/// after its own ownership checks.
/// </remarks>
public interface IListingStock
{
    /// <summary>
    /// Adds units to a listing's stock, or takes them off when <paramref name="units"/> is negative, in one
    /// conditional update that never leaves the stock below zero (so it is safe beside concurrent orders). An Active
    /// listing whose stock reaches zero becomes SoldOut, and a SoldOut one with stock again becomes Active.
    /// </summary>
    /// <param name="listingId">The listing.</param>
    /// <param name="units">Units to add (positive) or take off (negative).</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The listing after the change; <see langword="null"/> when there is no such listing or it has fewer units than taken off (nothing changed).</returns>
    Task<Listing?> AddStockAsync(Guid listingId, long units, CancellationToken cancellationToken = default);

    /// <summary>
    /// Withdraws a listing from sale: an Active or SoldOut listing becomes Suspended, so it is no longer found or
    /// bought. A listing in another status is left as it is.
    /// </summary>
    /// <param name="listingId">The listing.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The listing after the change; <see langword="null"/> when there is no such listing.</returns>
    Task<Listing?> WithdrawAsync(Guid listingId, CancellationToken cancellationToken = default);
}
