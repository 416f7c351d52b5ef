using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>An instrument as the exchange lists it: the registry's id and code, with its trading rules.</summary>
/// <param name="Id">The registry's instrument id (also the exchange's).</param>
/// <param name="Code">The instrument code, e.g. <c>PP-T30S</c>.</param>
/// <param name="Commodity">The polymer, e.g. <c>PP</c>.</param>
/// <param name="ReferencePrice">The settlement price to start from when the instrument is first listed, fen per tonne.</param>
/// <param name="TickSize">Tick in fen per tonne.</param>
/// <param name="LotSize">Lot in kg.</param>
/// <param name="MaxOrderLots">Largest order in lots.</param>
public sealed record TradingInstrument(int Id, string Code, string Commodity, long ReferencePrice, long TickSize = 100, long LotSize = 1_000, long MaxOrderLots = 1_000);

/// <summary>Where the exchange learns its instruments (the receipt registry's reference data).</summary>
public interface ITradingInstruments
{
    /// <summary>Every instrument that may trade.</summary>
    Task<IReadOnlyList<TradingInstrument>> LoadAsync(CancellationToken cancellationToken);
}

/// <summary>Settings of the exchange (<c>SmartTrade:Plugins:warehouse-receipts:Exchange</c>).</summary>
public sealed class ExchangeOptions
{
    /// <summary>Trade around the clock (the demo) instead of the market's sessions.</summary>
    public bool AroundTheClock { get; set; }

    /// <summary>Fee per side in basis points of traded value, for instruments listed from now on.</summary>
    public int FeeBasisPoints { get; set; } = 5;

    /// <summary>Daily price limit in basis points of the previous settlement, for instruments listed from now on.</summary>
    public int LimitBasisPoints { get; set; } = 400;

    /// <summary>Weekdays of demo trading history the Development demo data writes into a fresh exchange (0: none).</summary>
    public int DemoHistoryDays { get; set; } = 20;

    /// <summary>The payment gateway that takes card payments into trading accounts and pays withdrawals out (<c>sandbox</c> unless set).</summary>
    public string FundingGateway { get; set; } = "sandbox";

    /// <summary>The <see cref="FundingGateway"/> among the host's gateways, or <see langword="null"/> when it is not configured.</summary>
    /// <param name="gateways">The host's payment gateways.</param>
    public SmartTrade.Sdk.Payments.IPaymentGateway? FundingGatewayIn(IEnumerable<SmartTrade.Sdk.Payments.IPaymentGateway> gateways)
        => gateways.FirstOrDefault(g => string.Equals(g.Id, FundingGateway, StringComparison.OrdinalIgnoreCase));

    /// <summary>Lease and forwarding timings when several hosts run the exchange (PostgreSQL and Redis configured).</summary>
    public ExchangeClusterOptions Cluster { get; set; } = new();
}

/// <summary>
/// The running exchange of the plugin: the sequencer over the journal in the plugin's data directory (a single host),
/// or this host's member of the exchange cluster (several hosts on PostgreSQL and Redis, see <see cref="ExchangeCluster"/>);
/// the market data it feeds, and the instrument list. Started with the plugin, stopped with it.
/// </summary>
public sealed class ExchangeService : IAsyncDisposable
{
    private readonly ITradingInstruments _instruments;
    private readonly ExchangeOptions _options;
    private readonly ILogger<ExchangeService> _logger;
    private readonly List<IExchangeListener> _listeners;
    private readonly Func<ExchangeSequencer>? _createSequencer;
    private readonly ExchangeCluster? _cluster;
    private readonly IReadOnlyList<IOwnerDuty> _duties;
    private IReadOnlyDictionary<string, TradingInstrument> _byCode = new Dictionary<string, TradingInstrument>();
    private IReadOnlyDictionary<int, TradingInstrument> _byId = new Dictionary<int, TradingInstrument>();
    private ExchangeSequencer? _sequencer;
    private bool _clusterStarted;

    /// <summary>A single host's exchange, whose sequencer <paramref name="createSequencer"/> builds (journal, calendar, clock).</summary>
    public ExchangeService(
        Func<ExchangeSequencer> createSequencer,
        ITradingInstruments instruments,
        MarketData marketData,
        IEnumerable<IExchangeListener> listeners,
        ExchangeOptions options,
        ILogger<ExchangeService> logger)
        : this(instruments, marketData, listeners, [], options, logger)
    {
        _createSequencer = createSequencer;
    }

    /// <summary>
    /// This host's member of an exchange run by several hosts: <paramref name="duties"/> run on whichever host owns the
    /// exchange (after the instruments the registry has and the exchange does not are listed).
    /// </summary>
    public ExchangeService(
        ExchangeCluster cluster,
        ITradingInstruments instruments,
        MarketData marketData,
        IEnumerable<IExchangeListener> listeners,
        IEnumerable<IOwnerDuty> duties,
        ExchangeOptions options,
        ILogger<ExchangeService> logger)
        : this(instruments, marketData, listeners, duties, options, logger)
    {
        _cluster = cluster;
    }

    private ExchangeService(
        ITradingInstruments instruments,
        MarketData marketData,
        IEnumerable<IExchangeListener> listeners,
        IEnumerable<IOwnerDuty> duties,
        ExchangeOptions options,
        ILogger<ExchangeService> logger)
    {
        _instruments = instruments;
        MarketData = marketData;
        _listeners = [marketData, .. listeners.Where(l => !ReferenceEquals(l, marketData))];
        _duties = [new InstrumentListing(this), .. duties];
        _options = options;
        _logger = logger;
    }

    /// <summary>Market data of every instrument.</summary>
    public MarketData MarketData { get; }

    /// <summary>
    /// Where commands go and state is read; only after <see cref="StartAsync"/>. On a single host the sequencer; in a
    /// cluster this host's member, which uses its own sequencer when it owns the exchange and forwards otherwise.
    /// </summary>
    public IExchangeSequencer Sequencer => (IExchangeSequencer?)_sequencer ?? (_clusterStarted ? _cluster : null) ?? throw new ExchangeUnavailableException("The exchange has not started.");

    /// <summary>Whether the exchange is running.</summary>
    public bool IsRunning => _sequencer is not null || _clusterStarted;

    /// <summary>Whether several hosts run the exchange (PostgreSQL journal, Redis lease).</summary>
    public bool IsClustered => _cluster is not null;

    /// <summary>Whether this host runs the exchange's sequencer: always on a single host; in a cluster while it holds the lease.</summary>
    public bool IsOwner => _sequencer is not null || (_clusterStarted && _cluster!.Role == ExchangeRole.Owner);

    /// <summary>This host's member of the exchange cluster, when clustered.</summary>
    public ExchangeCluster? Cluster => _cluster;

    /// <summary>The instruments, by code (case-insensitive).</summary>
    public IReadOnlyDictionary<string, TradingInstrument> InstrumentsByCode => _byCode;

    /// <summary>The instruments, by id.</summary>
    public IReadOnlyDictionary<int, TradingInstrument> InstrumentsById => _byId;

    /// <summary>
    /// Rebuilds the exchange from its journal and lists any instrument the registry has that it does not. In a
    /// cluster: catches up with the shared journal, and takes the exchange when no other host has it.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var instruments = await _instruments.LoadAsync(cancellationToken);
        _byCode = instruments.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        _byId = instruments.ToDictionary(i => i.Id);

        if (_cluster is not null)
        {
            await _cluster.StartAsync(_listeners, _duties, cancellationToken);
            _clusterStarted = true;
            return;
        }

        var sequencer = _createSequencer!();
        foreach (var listener in _listeners)
        {
            sequencer.AddListener(listener);
        }
        await sequencer.StartAsync(cancellationToken);
        await ListInstrumentsAsync(sequencer);
        _sequencer = sequencer;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_sequencer is { } sequencer)
        {
            _sequencer = null;
            await sequencer.DisposeAsync();
        }

        if (_cluster is not null && _clusterStarted)
        {
            _clusterStarted = false;
            await _cluster.DisposeAsync();
        }
    }

    private async Task ListInstrumentsAsync(IExchangeSequencer sequencer)
    {
        var listed = await sequencer.ReadAsync(state => state.InstrumentIds.ToHashSet());
        foreach (var instrument in _byId.Values.Where(i => !listed.Contains(i.Id)))
        {
            var result = await sequencer.SubmitAsync(ExchangeCommand.AddInstrument(
                instrument.Id, instrument.ReferencePrice, instrument.TickSize, instrument.LotSize, instrument.MaxOrderLots,
                _options.FeeBasisPoints, _options.LimitBasisPoints));
            if (!result.Reply.Succeeded)
            {
                _logger.LogError("Instrument {Code} could not be listed: {Error}.", instrument.Code, result.Reply.Error);
            }
        }
    }

    /// <summary>The owner lists the instruments the registry has and the exchange does not (reference data enters through the journal).</summary>
    private sealed class InstrumentListing(ExchangeService service) : IOwnerDuty
    {
        public Task BecomeOwnerAsync(IExchangeSequencer sequencer, CancellationToken cancellationToken) => service.ListInstrumentsAsync(sequencer);

        public Task StandByAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
