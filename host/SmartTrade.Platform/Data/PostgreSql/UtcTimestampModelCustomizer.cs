using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmartTrade.Platform.Data.PostgreSql;

/// <summary>
/// On PostgreSQL, every <see cref="DateTimeOffset"/> property (of the host's model and every plugin's) is written as the
/// same instant in UTC. PostgreSQL's <c>timestamp with time zone</c> stores an instant and Npgsql refuses a value with
/// any other offset, while the code (like SQLite, which keeps the text) may hand it China time (+08:00) for trading
/// days and demo history. Values read back carry offset zero on both providers' instants; nothing compares offsets.
/// </summary>
/// <remarks>Installed by <see cref="PlatformDatabase"/> on every context it configures for PostgreSQL.</remarks>
internal sealed class UtcTimestampModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> ToUtc = new(v => v.ToUniversalTime(), v => v);

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()))
        {
            if ((property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?)) && property.GetValueConverter() is null)
            {
                property.SetValueConverter(ToUtc);
            }
        }
    }
}
