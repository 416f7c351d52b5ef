using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartTrade.Platform.Search.Elasticsearch;

/// <summary>
/// Reports whether the search cluster answers. It is registered as degrading, not failing, readiness: without search a
/// host still sells, takes orders and trades (search requests get a 503 problem), and every host shares the one cluster,
/// so taking hosts out of the load balancer for it would only turn a missing search into a missing site.
/// </summary>
internal sealed class ElasticsearchHealthCheck(ElasticsearchCatalogSearch search) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await search.AnswersAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The search cluster answers.")
                : new HealthCheckResult(context.Registration.FailureStatus, "The search cluster answers with an error.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The search cluster cannot be reached.", ex);
        }
    }
}
