using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>
/// The producers' book of harvest batches: record a harvested batch (its units join the listing's stock), open a
/// pre-sale against a forecast (the listing's stock becomes the forecast, so the host's conditional reservation caps
/// what is sold), and record the pre-sale's harvest (its orders are allocated to the batch, first placed first).
/// Every write checks that the listing or batch is the producer's own; a refused request changes nothing.
/// </summary>
public sealed class HarvestBook(AgriDbContext db, ICatalog catalog, IListingStock stock, TimeProvider time)
{
    /// <summary>The largest quantity of one batch, in kg.</summary>
    public const long MaxQuantityKg = 10_000_000;

    private static readonly string[] StorageCodes = ["ambient", "chilled", "frozen"];

    /// <summary>Records a harvested batch and adds its units to the listing's stock.</summary>
    public async Task<AgriResult<BatchView>> RecordBatchAsync(string producerId, BatchInput input, CancellationToken cancellationToken)
    {
        if (Unknown(input.Unknown) is { } unknown)
        {
            return unknown;
        }

        var (listing, refusal) = await OwnListingAsync(producerId, input.ListingId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var today = AgriCalendar.Today(time);
        var checkedInput = CheckBatch(listing!, input.Farm, input.Quantity, input.Unit, input.ShelfLifeDays, input.Storage, "quantity")
            ?? CheckInspections(input.Inspections);
        if (checkedInput is not null)
        {
            return checkedInput;
        }

        if (input.HarvestDate is not { } harvest)
        {
            return new AgriRefusal(400, AgriProblems.InvalidInput, "Give the harvest date (yyyy-MM-dd).", "harvestDate");
        }

        if (harvest > today)
        {
            return new AgriRefusal(422, AgriProblems.HarvestDateInFuture, $"The harvest date {harvest:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "harvestDate");
        }

        var shelfLife = ShelfLife(listing!, input.ShelfLifeDays);
        if (harvest.AddDays(shelfLife) <= today)
        {
            return new AgriRefusal(422, AgriProblems.PastShelfLife, $"A batch harvested on {harvest:yyyy-MM-dd} with a shelf life of {shelfLife} days is past it already.", "harvestDate");
        }

        var units = UnitsOf(listing!, input.Quantity!.Value);
        if (units < 1)
        {
            return new AgriRefusal(422, AgriProblems.QuantityTooSmall, $"{input.Quantity} kg makes less than one {listing!.Unit} of this listing.", "quantity");
        }

        if (await db.Batches.AnyAsync(b => b.ListingId == listing!.Id && b.Status == BatchStatus.Planned, cancellationToken))
        {
            return new AgriRefusal(409, AgriProblems.PreSaleOpen, "The listing has a pre-sale waiting for its harvest: record the harvest of that pre-sale instead.", "listingId");
        }

        var now = time.GetUtcNow();
        var batch = NewBatch(listing!, input.Farm!.Trim(), shelfLife, input.Storage ?? Attribute(listing!, "storage") ?? "ambient", now);
        batch.Status = BatchStatus.Harvested;
        batch.HarvestDate = harvest;
        batch.HarvestedAt = now;
        batch.QuantityKg = input.Quantity!.Value;
        batch.Units = units;
        batch.ExpiresOn = harvest.AddDays(shelfLife);
        batch.Inspections = Inspections(input.Inspections);
        db.Batches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        // The batch is saved first, so a buyer who sees the new stock finds the batch it comes from.
        if (await stock.AddStockAsync(listing!.Id, units, cancellationToken) is null)
        {
            db.Batches.Remove(batch);
            await db.SaveChangesAsync(cancellationToken);
            return new AgriRefusal(404, AgriProblems.UnknownListing, $"Listing {listing.Id} was deleted meanwhile.", "listingId");
        }

        return await ViewAsync(batch, cancellationToken);
    }

    /// <summary>Opens a pre-sale: a planned batch with windows, and the listing's stock set to the forecast.</summary>
    public async Task<AgriResult<BatchView>> OpenPreSaleAsync(string producerId, PreSaleInput input, CancellationToken cancellationToken)
    {
        if (Unknown(input.Unknown) is { } unknown)
        {
            return unknown;
        }

        var (listing, refusal) = await OwnListingAsync(producerId, input.ListingId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var checkedInput = CheckBatch(listing!, input.Farm, input.ForecastQuantity, input.Unit, input.ShelfLifeDays, input.Storage, "forecastQuantity")
            ?? CheckWindows(input, AgriCalendar.Today(time));
        if (checkedInput is not null)
        {
            return checkedInput;
        }

        var units = UnitsOf(listing!, input.ForecastQuantity!.Value);
        if (units < 1)
        {
            return new AgriRefusal(422, AgriProblems.QuantityTooSmall, $"{input.ForecastQuantity} kg makes less than one {listing!.Unit} of this listing.", "forecastQuantity");
        }

        var today = AgriCalendar.Today(time);
        var batches = await db.Batches.AsNoTracking().Where(b => b.ListingId == listing!.Id && b.Status != BatchStatus.Expired).ToListAsync(cancellationToken);
        if (batches.Any(b => b.Status == BatchStatus.Planned))
        {
            return new AgriRefusal(409, AgriProblems.PreSaleOpen, "The listing has a pre-sale waiting for its harvest already.", "listingId");
        }

        if (batches.Any(b => b.IsLive(today)))
        {
            return new AgriRefusal(409, AgriProblems.ListingHasStock, "The listing still sells a harvested batch; open the pre-sale on another listing or when that batch is sold.", "listingId");
        }

        var now = time.GetUtcNow();
        var batch = NewBatch(listing!, input.Farm!.Trim(), ShelfLife(listing!, input.ShelfLifeDays), input.Storage ?? Attribute(listing!, "storage") ?? "ambient", now);
        batch.Status = BatchStatus.Planned;
        batch.ForecastKg = input.ForecastQuantity;
        batch.ForecastUnits = units;
        batch.Units = units;
        batch.SaleOpens = input.SaleOpens;
        batch.SaleCloses = input.SaleCloses;
        batch.DeliveryFrom = input.DeliveryFrom;
        batch.DeliveryTo = input.DeliveryTo;
        db.Batches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        if (!await SetStockAsync(listing!.Id, units, cancellationToken))
        {
            db.Batches.Remove(batch);
            await db.SaveChangesAsync(cancellationToken);
            return new AgriRefusal(404, AgriProblems.UnknownListing, $"Listing {listing.Id} was deleted meanwhile.", "listingId");
        }

        return await ViewAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Records the harvest of a pre-sale: reserved orders are allocated to it, oldest first, while its units last (the
    /// rest are shortfalls for the producer to settle); the listing then sells what is left of the harvest.
    /// </summary>
    public async Task<AgriResult<BatchView>> RecordHarvestAsync(string producerId, string traceCode, HarvestInput input, CancellationToken cancellationToken)
    {
        if (Unknown(input.Unknown) is { } unknown)
        {
            return unknown;
        }

        var batch = await db.Batches.FirstOrDefaultAsync(b => b.TraceCode == traceCode, cancellationToken);
        if (batch is null)
        {
            return new AgriRefusal(404, AgriProblems.UnknownTraceCode, $"No batch has trace code {traceCode}.");
        }

        if (batch.MerchantId != producerId)
        {
            return new AgriRefusal(403, AgriProblems.NotYourBatch, $"Batch {traceCode} belongs to another producer.");
        }

        if (batch.Status != BatchStatus.Planned)
        {
            return new AgriRefusal(409, AgriProblems.AlreadyHarvested, $"Batch {traceCode} was harvested already.");
        }

        var listing = await catalog.GetAsync(batch.ListingId, cancellationToken);
        if (listing is null)
        {
            return new AgriRefusal(404, AgriProblems.UnknownListing, $"The listing of batch {traceCode} was deleted.");
        }

        var today = AgriCalendar.Today(time);
        var checkedInput = CheckQuantity(input.Quantity, input.Unit, "quantity") ?? CheckInspections(input.Inspections);
        if (checkedInput is not null)
        {
            return checkedInput;
        }

        if (input.HarvestDate is not { } harvest)
        {
            return new AgriRefusal(400, AgriProblems.InvalidInput, "Give the harvest date (yyyy-MM-dd).", "harvestDate");
        }

        if (harvest > today)
        {
            return new AgriRefusal(422, AgriProblems.HarvestDateInFuture, $"The harvest date {harvest:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "harvestDate");
        }

        var units = UnitsOf(listing, input.Quantity!.Value);
        var now = time.GetUtcNow();
        batch.Status = BatchStatus.Harvested;
        batch.HarvestDate = harvest;
        batch.HarvestedAt = now;
        batch.QuantityKg = input.Quantity!.Value;
        batch.Units = units;
        batch.ExpiresOn = harvest.AddDays(batch.ShelfLifeDays);
        batch.Inspections = Inspections(input.Inspections);
        batch.Version++;

        var left = units;
        // SQLite cannot order by a DateTimeOffset: order in memory, first placed first.
        var reserved = await db.Allocations.Where(a => a.BatchId == batch.Id && a.State == AllocationState.Reserved).ToListAsync(cancellationToken);
        foreach (var allocation in reserved.OrderBy(a => a.PlacedAt).ThenBy(a => a.Id))
        {
            if (allocation.Units <= left)
            {
                allocation.State = AllocationState.Allocated;
                allocation.AllocatedAt = now;
                left -= allocation.Units;
            }
            else
            {
                allocation.State = AllocationState.Shortfall;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new AgriRefusal(409, AgriProblems.AlreadyHarvested, $"Batch {traceCode} changed meanwhile; read it again.");
        }

        // What the forecast had left for sale becomes what the harvest has left.
        await SetStockAsync(listing.Id, left, cancellationToken);
        return await ViewAsync(batch, cancellationToken);
    }

    /// <summary>A producer's batches, newest first.</summary>
    public async Task<IReadOnlyList<BatchView>> MineAsync(string producerId, CancellationToken cancellationToken)
    {
        var batches = await db.Batches.AsNoTracking().Where(b => b.MerchantId == producerId).ToListAsync(cancellationToken);
        var views = new List<BatchView>(batches.Count);
        foreach (var batch in batches.OrderByDescending(b => b.RecordedAt))
        {
            views.Add(await ViewAsync(batch, cancellationToken));
        }

        return views;
    }

    /// <summary>The producers who recorded batches, with their origin and products.</summary>
    public async Task<IReadOnlyList<ProducerView>> ProducersAsync(CancellationToken cancellationToken)
    {
        var batches = await db.Batches.AsNoTracking().ToListAsync(cancellationToken);
        return batches
            .GroupBy(b => b.MerchantId)
            .Select(g =>
            {
                var latest = g.OrderByDescending(b => b.RecordedAt).First();
                return new ProducerView(
                    latest.ProducerName,
                    latest.OriginTown,
                    latest.OriginVillage,
                    g.Select(b => b.Product).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    g.Count(),
                    g.Select(b => b.TraceCode).OrderDescending(StringComparer.Ordinal).Take(5).ToList());
            })
            .OrderBy(p => p.OriginTown, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A batch with the units ordered from it.</summary>
    public async Task<BatchView> ViewAsync(HarvestBatch batch, CancellationToken cancellationToken)
    {
        var totals = await db.Allocations.AsNoTracking().Where(a => a.BatchId == batch.Id)
            .GroupBy(a => a.State).Select(g => new { State = g.Key, Units = g.Sum(a => a.Units) }).ToListAsync(cancellationToken);
        long Sum(AllocationState state) => totals.FirstOrDefault(t => t.State == state)?.Units ?? 0;
        return BatchView.From(batch, Sum(AllocationState.Allocated), Sum(AllocationState.Reserved), Sum(AllocationState.Shortfall));
    }

    /// <summary>The listing's units <paramref name="kg"/> makes: kg for a listing sold by the kg, else whole packs of its net weight.</summary>
    public static long UnitsOf(Listing listing, long kg)
    {
        if (listing.Unit == "kg")
        {
            return kg;
        }

        var grams = listing.Attributes.TryGetValue("netWeightGrams", out var weight) ? weight.IntegerValue ?? 0 : 0;
        return grams > 0 ? checked(kg * 1000) / grams : 0;
    }

    // Sets the stock to a target beside concurrent orders: adds the difference to the stock just read. Units an order
    // reserves meanwhile count against the target (the update is relative); when taking the difference off would go
    // below zero, orders took more meanwhile, and the next round aims lower by what they took.
    private async Task<bool> SetStockAsync(Guid listingId, long target, CancellationToken cancellationToken)
    {
        var previous = (long?)null;
        while (true)
        {
            var current = await catalog.GetAsync(listingId, cancellationToken);
            if (current is null)
            {
                return false;
            }

            if (previous is { } before)
            {
                target = Math.Max(0, target - Math.Max(0, before - current.Stock));
            }

            var difference = target - current.Stock;
            if (difference == 0 || await stock.AddStockAsync(listingId, difference, cancellationToken) is not null)
            {
                return true;
            }

            previous = current.Stock;
        }
    }

    private async Task<(Listing? Listing, AgriRefusal? Refusal)> OwnListingAsync(string producerId, Guid? listingId, CancellationToken cancellationToken)
    {
        if (listingId is not { } id)
        {
            return (null, new AgriRefusal(400, AgriProblems.InvalidInput, "Give the listing the batch is sold through.", "listingId"));
        }

        var listing = await catalog.GetAsync(id, cancellationToken);
        if (listing is null)
        {
            return (null, new AgriRefusal(404, AgriProblems.UnknownListing, $"There is no listing {id}.", "listingId"));
        }

        if (listing.MerchantId != producerId)
        {
            return (null, new AgriRefusal(403, AgriProblems.NotYourListing, $"Listing {id} belongs to another producer.", "listingId"));
        }

        if (listing.MarketId != AgriMarketDescriptor.MarketId)
        {
            return (null, new AgriRefusal(422, AgriProblems.NotAgriListing, $"Listing {id} is not in the farm-produce market.", "listingId"));
        }

        return (listing, null);
    }

    private static AgriRefusal? Unknown(Dictionary<string, System.Text.Json.JsonElement>? unknown)
        => unknown is { Count: > 0 }
            ? new AgriRefusal(400, AgriProblems.UnknownAttribute, $"Unknown field '{unknown.Keys.First()}'.", unknown.Keys.First())
            : null;

    private static AgriRefusal? CheckBatch(Listing listing, string? farm, long? quantity, string? unit, int? shelfLifeDays, string? storage, string quantityField)
    {
        if (string.IsNullOrWhiteSpace(farm) || farm.Trim().Length > 128)
        {
            return new AgriRefusal(400, AgriProblems.InvalidInput, "Name the field or farm (at most 128 characters).", "farm");
        }

        if (CheckQuantity(quantity, unit, quantityField) is { } refusal)
        {
            return refusal;
        }

        if (shelfLifeDays is < 1 or > 1_095 || (shelfLifeDays is null && ShelfLife(listing, null) < 1))
        {
            return new AgriRefusal(400, AgriProblems.InvalidInput, "The shelf life is 1 to 1,095 days.", "shelfLifeDays");
        }

        return storage is not null && !StorageCodes.Contains(storage)
            ? new AgriRefusal(400, AgriProblems.InvalidInput, "Storage is ambient, chilled or frozen.", "storage")
            : null;
    }

    private static AgriRefusal? CheckQuantity(long? quantity, string? unit, string field)
    {
        if (quantity is not { } value || value <= 0 || value > MaxQuantityKg)
        {
            return new AgriRefusal(400, AgriProblems.InvalidQuantity, $"The quantity is a whole number of kg from 1 to {MaxQuantityKg:N0}.", field);
        }

        return unit is "kg"
            ? null
            : new AgriRefusal(400, AgriProblems.WrongUnit, $"Quantities are given in kg, not '{unit}'.", "unit");
    }

    private static AgriRefusal? CheckInspections(IReadOnlyList<InspectionInput>? inspections)
    {
        for (var i = 0; i < (inspections?.Count ?? 0); i++)
        {
            var inspection = inspections![i];
            if (inspection.Item is null || !InspectionItems.Names.ContainsKey(inspection.Item))
            {
                return new AgriRefusal(400, AgriProblems.UnknownAttribute, $"Unknown inspection item '{inspection.Item}'; one of {string.Join(", ", InspectionItems.Names.Keys)}.", $"inspections[{i}].item");
            }

            if (string.IsNullOrWhiteSpace(inspection.Result) || inspection.Result.Length > 64 || inspection.Passed is null || inspection.Agency?.Length > 128)
            {
                return new AgriRefusal(400, AgriProblems.InvalidInput, "An inspection has a result (at most 64 characters) and whether it passed.", $"inspections[{i}]");
            }
        }

        return null;
    }

    private static AgriRefusal? CheckWindows(PreSaleInput input, DateOnly today)
    {
        if (input.SaleOpens is not { } opens || input.SaleCloses is not { } closes || input.DeliveryFrom is not { } from || input.DeliveryTo is not { } to)
        {
            return new AgriRefusal(400, AgriProblems.InvalidWindow, "Give saleOpens, saleCloses, deliveryFrom and deliveryTo (yyyy-MM-dd).", "saleOpens");
        }

        if (closes < opens)
        {
            return new AgriRefusal(400, AgriProblems.InvalidWindow, "The sale closes before it opens.", "saleCloses");
        }

        if (to < from)
        {
            return new AgriRefusal(400, AgriProblems.InvalidWindow, "The delivery window ends before it starts.", "deliveryTo");
        }

        if (to < closes)
        {
            return new AgriRefusal(400, AgriProblems.InvalidWindow, "Deliveries go on until the sale closes at least.", "deliveryTo");
        }

        return closes < today
            ? new AgriRefusal(400, AgriProblems.InvalidWindow, $"The sale window ended on {closes:yyyy-MM-dd}.", "saleCloses")
            : null;
    }

    private static int ShelfLife(Listing listing, int? given)
        => given ?? (int)(listing.Attributes.TryGetValue("shelfLifeDays", out var days) ? days.IntegerValue ?? 0 : 0);

    private static string? Attribute(Listing listing, string key)
        => listing.Attributes.TryGetValue(key, out var value) ? value.StringValue : null;

    private static List<Inspection> Inspections(IReadOnlyList<InspectionInput>? inputs)
        => (inputs ?? []).Select(i => new Inspection(i.Item!, i.Result!.Trim(), i.Passed!.Value, string.IsNullOrWhiteSpace(i.Agency) ? null : i.Agency.Trim())).ToList();

    private HarvestBatch NewBatch(Listing listing, string farm, int shelfLifeDays, string storage, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TraceCode = NewTraceCode(now),
        MerchantId = listing.MerchantId,
        ListingId = listing.Id,
        ListingTitle = listing.Title.Get(System.Globalization.CultureInfo.GetCultureInfo(SmartTrade.Sdk.Localization.LocalizedText.DefaultCulture)),
        Product = Attribute(listing, "product") ?? "vegetables",
        ProducerName = Attribute(listing, "producer") ?? listing.MerchantId,
        OriginTown = Attribute(listing, "originTown") ?? string.Empty,
        OriginVillage = Attribute(listing, "originVillage"),
        Farm = farm,
        ShelfLifeDays = shelfLifeDays,
        Storage = storage,
        RecordedAt = now,
        Version = 1,
    };

    // YY (Yuyao), the day recorded, then 6 random characters without look-alikes (0/O, 1/I): YY261129-7F3K9Q.
    private static string NewTraceCode(DateTimeOffset now)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> random = stackalloc char[6];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return $"YY{AgriCalendar.DayOf(now):yyMMdd}-{random}";
    }
}
