namespace SmartTrade.Sdk.Orders;

/// <summary>
/// The order state machine: which status may follow which. The order aggregate checks every change against it,
/// and user interfaces use it to offer only possible actions.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>from</term><description>to</description></listheader>
/// <item><term><see cref="OrderStatus.PendingPayment"/></term><description><see cref="OrderStatus.Paid"/>;
/// <see cref="OrderStatus.Cancelled"/> (buyer cancels, or the reservation expires).</description></item>
/// <item><term><see cref="OrderStatus.Paid"/></term><description><see cref="OrderStatus.Shipped"/>;
/// <see cref="OrderStatus.Cancelled"/> (before shipping, the payment is returned in full);
/// <see cref="OrderStatus.Refunded"/>; <see cref="OrderStatus.PartiallyRefunded"/>.</description></item>
/// <item><term><see cref="OrderStatus.Shipped"/></term><description><see cref="OrderStatus.Delivered"/>;
/// <see cref="OrderStatus.Refunded"/>; <see cref="OrderStatus.PartiallyRefunded"/>. No cancelling once shipped.</description></item>
/// <item><term><see cref="OrderStatus.Delivered"/></term><description><see cref="OrderStatus.Completed"/>;
/// <see cref="OrderStatus.Refunded"/>; <see cref="OrderStatus.PartiallyRefunded"/>.</description></item>
/// <item><term><see cref="OrderStatus.PartiallyRefunded"/></term><description><see cref="OrderStatus.PartiallyRefunded"/>
/// (another partial refund); <see cref="OrderStatus.Refunded"/> (the rest is refunded); and fulfilment carrying on:
/// <see cref="OrderStatus.Shipped"/>, <see cref="OrderStatus.Delivered"/>, <see cref="OrderStatus.Completed"/>.</description></item>
/// <item><term><see cref="OrderStatus.Completed"/>, <see cref="OrderStatus.Cancelled"/>, <see cref="OrderStatus.Refunded"/></term>
/// <description>nothing: final.</description></item>
/// </list>
/// <para>
/// <see cref="OrderStatus.PartiallyRefunded"/> does not say how far fulfilment had got, so the status graph alone
/// allows all three fulfilment steps out of it. <see cref="CanTransition(Order, OrderStatus)"/> closes that gap with the
/// order's timestamps: a partially refunded order moves to the next fulfilment step only (Shipped when
/// <see cref="Order.ShippedAt"/> is unset, Delivered when shipped but not delivered, Completed when delivered),
/// so fulfilment never goes backwards or skips a step. Amounts (a refund never exceeding what is left) are the
/// aggregate's business, not this class's.
/// </para>
/// <para>No status moves to itself except <see cref="OrderStatus.PartiallyRefunded"/>.</para>
/// </remarks>
public static class OrderTransitions
{
    private static readonly OrderStatus[] None = [];

    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Delivered] = [OrderStatus.Completed, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.PartiallyRefunded] =
        [
            OrderStatus.PartiallyRefunded, OrderStatus.Refunded,
            OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed,
        ],
        [OrderStatus.Completed] = None,
        [OrderStatus.Cancelled] = None,
        [OrderStatus.Refunded] = None,
    };

    /// <summary>Whether the status graph allows moving from one status to another.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The wanted status.</param>
    public static bool CanTransition(OrderStatus from, OrderStatus to)
        => Allowed.TryGetValue(from, out var next) && Array.IndexOf(next, to) >= 0;

    /// <summary>
    /// Whether this order may move to the status: <see cref="CanTransition(OrderStatus, OrderStatus)"/>, and for a
    /// partially refunded order, only to its next fulfilment step (judged by <see cref="Order.ShippedAt"/> and
    /// <see cref="Order.DeliveredAt"/>).
    /// </summary>
    /// <param name="order">The order as it is.</param>
    /// <param name="to">The wanted status.</param>
    public static bool CanTransition(Order order, OrderStatus to)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!CanTransition(order.Status, to))
        {
            return false;
        }

        if (order.Status != OrderStatus.PartiallyRefunded)
        {
            return true;
        }

        return to switch
        {
            OrderStatus.Shipped => order.ShippedAt is null,
            OrderStatus.Delivered => order.ShippedAt is not null && order.DeliveredAt is null,
            OrderStatus.Completed => order.DeliveredAt is not null,
            _ => true,
        };
    }

    /// <summary>The statuses the graph allows after this one, in a stable order; empty for final statuses.</summary>
    /// <param name="from">The current status.</param>
    public static IReadOnlyList<OrderStatus> Next(OrderStatus from)
        => Allowed.TryGetValue(from, out var next) ? next.AsReadOnly() : None.AsReadOnly();

    /// <summary>Whether nothing can follow the status: <see cref="OrderStatus.Completed"/>, <see cref="OrderStatus.Cancelled"/> or <see cref="OrderStatus.Refunded"/>.</summary>
    /// <param name="status">The status.</param>
    public static bool IsFinal(OrderStatus status) => Next(status).Count == 0;

    /// <summary>
    /// Whether a status change would be a refund, so a payment refund must go with it:
    /// <see cref="OrderStatus.Refunded"/>, <see cref="OrderStatus.PartiallyRefunded"/>, or
    /// <see cref="OrderStatus.Cancelled"/> of a paid order.
    /// </summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The wanted status.</param>
    public static bool MovesMoneyBack(OrderStatus from, OrderStatus to)
        => CanTransition(from, to)
            && (to is OrderStatus.Refunded or OrderStatus.PartiallyRefunded
                || (to == OrderStatus.Cancelled && from != OrderStatus.PendingPayment));
}
