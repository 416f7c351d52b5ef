using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.AgriMarket.Demo;

/// <summary>
/// The demo season's batches, recorded the way a producer would: each demo listing gets a harvested batch with its
/// inspections (so its stock comes from it and it has a trace code), and the pre-sale listings open their pre-sales:
/// fresh bayberries sold now for delivery in June, spring tea for delivery in April. A listing that has a batch is
/// left alone, so a second run adds nothing.
/// </summary>
public sealed class AgriDemoData(AgriDbContext db, ICatalog catalog, HarvestBook book) : IDemoDataSeeder
{
    private const string Agency = "余姚市农产品质量安全检测中心";

    /// <inheritdoc />
    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        foreach (var merchant in new AgriDemoCatalog().Merchants)
        {
            var producer = AgriDemoCatalog.ProducerOf(merchant.Email)!;
            var merchantId = await context.EnsureAccountAsync(merchant.Email, merchant.DisplayName, [Roles.Merchant], cancellationToken);
            var page = await catalog.ListByMerchantAsync(new MerchantListingsQuery { MerchantId = merchantId, MarketId = AgriMarketDescriptor.MarketId, PageSize = MerchantListingsQuery.MaxPageSize }, cancellationToken);
            foreach (var listing in page.Items)
            {
                if (AgriDemoCatalog.ProductOf(listing.Title.Get(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"))) is not { } product
                    || await db.Batches.AnyAsync(b => b.ListingId == listing.Id, cancellationToken))
                {
                    continue;
                }

                if (product.PreSale)
                {
                    await book.OpenPreSaleAsync(merchantId, PreSale(listing, product, producer, context.Today), cancellationToken);
                }
                else if (listing.Attributes.TryGetValue("harvestDate", out var harvest) && harvest.DateValue is { } harvestDate)
                {
                    await book.RecordBatchAsync(merchantId, Batch(listing, product, producer, harvestDate), cancellationToken);
                }
            }
        }
    }

    private static BatchInput Batch(Listing listing, AgriDemoCatalog.Product product, AgriDemoCatalog.Producer producer, DateOnly harvest)
    {
        // Between 40 and 440 units, fixed per listing.
        var units = 40 + (long)(BitConverter.ToUInt32(listing.Id.ToByteArray(), 12) % 400);
        var grams = listing.Attributes["netWeightGrams"].IntegerValue ?? 1000;
        return new BatchInput
        {
            ListingId = listing.Id,
            Farm = producer.Farm,
            HarvestDate = harvest,
            Quantity = ((units * grams) + 999) / 1000,
            Unit = "kg",
            Inspections = Inspections(product),
        };
    }

    private static PreSaleInput PreSale(Listing listing, AgriDemoCatalog.Product product, AgriDemoCatalog.Producer producer, DateOnly today)
    {
        // The coming season: bayberries ripen in June, pre-Qingming tea is picked in late March and sent in April.
        var (closesMonth, closesDay, fromMonth, fromDay, toMonth, toDay) = product.Code == "tea"
            ? (3, 20, 4, 1, 4, 20)
            : (6, 15, 6, 10, 6, 30);
        var closes = new DateOnly(today.Year, closesMonth, closesDay);
        var year = closes < today ? today.Year + 1 : today.Year;
        return new PreSaleInput
        {
            ListingId = listing.Id,
            Farm = producer.Farm,
            ForecastQuantity = product.Code == "tea" ? 150 : producer.Town == "zhangting" ? 2_000 : 1_200,
            Unit = "kg",
            SaleOpens = today,
            SaleCloses = new DateOnly(year, closesMonth, closesDay),
            DeliveryFrom = new DateOnly(year, fromMonth, fromDay),
            DeliveryTo = new DateOnly(year, toMonth, toDay),
        };
    }

    private static List<InspectionInput> Inspections(AgriDemoCatalog.Product product)
    {
        var inspections = new List<InspectionInput>
        {
            new() { Item = "pesticide-residue", Result = "未检出（GB 2763）", Passed = true, Agency = Agency },
        };
        if (product.Code is "tea" or "rice")
        {
            inspections.Add(new() { Item = "heavy-metals", Result = "铅 0.2 mg/kg（限量 5.0）", Passed = true, Agency = Agency });
        }

        if (product.Code == "mustard-tuber")
        {
            inspections.Add(new() { Item = "additives", Result = "苯甲酸 未检出", Passed = true, Agency = Agency });
        }

        return inspections;
    }
}
