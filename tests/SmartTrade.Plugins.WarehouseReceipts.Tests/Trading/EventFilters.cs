using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

/// <summary>Picks events out of a command's result.</summary>
internal static class EventFilters
{
    public static EngineEvent[] Fills(this EngineEvent[] events) => Array.FindAll(events, e => e.Kind == EngineEventKind.Fill);

    public static EngineEvent Single(this EngineEvent[] events, EngineEventKind kind) => Assert.Single(events, e => e.Kind == kind);

    public static EngineEventKind[] Kinds(this EngineEvent[] events) => Array.ConvertAll(events, e => e.Kind);
}
