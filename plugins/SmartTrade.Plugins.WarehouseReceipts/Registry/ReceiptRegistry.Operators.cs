using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>A user operating a warehouse.</summary>
/// <param name="Warehouse">The warehouse code.</param>
/// <param name="UserId">The operator's user id.</param>
/// <param name="AssignedAt">When they were made its operator.</param>
public sealed record OperatorView(string Warehouse, string UserId, DateTimeOffset AssignedAt);

/// <content>Which users operate which warehouses (an admin's decision, logged like every registry change).</content>
public sealed partial class ReceiptRegistry
{
    /// <summary>Makes a user an operator of a warehouse; assigning an existing operator again changes nothing.</summary>
    /// <param name="actorId">The admin's user id (or <see cref="SystemActor"/>).</param>
    /// <param name="warehouseCode">The warehouse code.</param>
    /// <param name="userId">The user's id; they also need the WarehouseOperator role to use it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<OperatorView>> AssignOperatorAsync(string actorId, string warehouseCode, string? userId, CancellationToken cancellationToken)
        => WriteAsync<OperatorView>(async at =>
        {
            if (CheckText(userId, RegistryLimits.UserIdLength, "userId") is { } badUser)
            {
                return badUser;
            }

            if (!await db.Warehouses.AnyAsync(w => w.Code == warehouseCode, cancellationToken))
            {
                return Refuse(404, RegistryProblems.UnknownWarehouse, $"'{warehouseCode}' is not an approved warehouse.");
            }

            var assignment = new WarehouseOperator { WarehouseCode = warehouseCode, UserId = userId!, AssignedAt = at };
            if (await EnsureRowAsync<WarehouseOperator>(o => o.WarehouseCode == warehouseCode && o.UserId == userId, () => assignment, cancellationToken))
            {
                await AppendAsync(at, RegistryActions.OperatorAssigned, actorId, [], new { warehouse = warehouseCode, user = userId }, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return new OperatorView(warehouseCode, userId!, at);
            }

            var existing = await db.WarehouseOperators.AsNoTracking().SingleAsync(o => o.WarehouseCode == warehouseCode && o.UserId == userId, cancellationToken);
            return new OperatorView(existing.WarehouseCode, existing.UserId, existing.AssignedAt);
        }, cancellationToken);

    /// <summary>Stops a user operating a warehouse; removing someone who is not an operator changes nothing.</summary>
    /// <param name="actorId">The admin's user id.</param>
    /// <param name="warehouseCode">The warehouse code.</param>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<bool>> RemoveOperatorAsync(string actorId, string warehouseCode, string userId, CancellationToken cancellationToken)
        => WriteAsync<bool>(async at =>
        {
            if (!await db.Warehouses.AnyAsync(w => w.Code == warehouseCode, cancellationToken))
            {
                return Refuse(404, RegistryProblems.UnknownWarehouse, $"'{warehouseCode}' is not an approved warehouse.");
            }

            var removed = await db.WarehouseOperators.Where(o => o.WarehouseCode == warehouseCode && o.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (removed > 0)
            {
                await AppendAsync(at, RegistryActions.OperatorRemoved, actorId, [], new { warehouse = warehouseCode, user = userId }, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return removed > 0;
        }, cancellationToken);

    /// <summary>The operators of every warehouse, by warehouse.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<OperatorView>> OperatorsAsync(CancellationToken cancellationToken)
        => (await db.WarehouseOperators.AsNoTracking().OrderBy(o => o.WarehouseCode).ThenBy(o => o.UserId).ToListAsync(cancellationToken))
            .Select(o => new OperatorView(o.WarehouseCode, o.UserId, o.AssignedAt)).ToList();
}
