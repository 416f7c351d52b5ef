using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk.Search;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Search;

/// <summary><c>POST /api/v1/admin/search/reindex</c>: writes every listing from the database into the index again.</summary>
public static class SearchAdminEndpoints
{
    private const int BatchSize = 500;

    public static IEndpointRouteBuilder MapSearchAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/admin/search/reindex", ReindexAsync)
            .WithTags("Search")
            .WithName("ReindexSearch")
            .WithSummary("Rebuilds the search index from the database (active listings indexed, others removed).")
            .RequireAuthorization(Roles.Admin);
        return endpoints;
    }

    private static async Task<IResult> ReindexAsync(PlatformDbContext db, ICatalogSearch search, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        long count = 0;
        Guid? after = null;
        while (true)
        {
            var query = db.Set<ListingEntity>().AsNoTracking();
            if (after is { } last)
            {
                query = query.Where(l => l.Id.CompareTo(last) > 0);
            }

            var batch = await query.OrderBy(l => l.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            await search.IndexAsync(batch.Select(l => l.ToListing()).ToList(), cancellationToken);
            count += batch.Count;
            after = batch[^1].Id;
        }

        return TypedResults.Ok(new { listings = count, milliseconds = (long)time.GetElapsedTime(started).TotalMilliseconds });
    }
}
