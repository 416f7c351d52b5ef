using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Data.PostgreSql;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Platform.Tests;

/// <summary>Choosing the database by configuration alone, checked when the host is built.</summary>
public sealed class PlatformDatabaseTests : IDisposable
{
    private const string Secret = "s3cret-Passw0rd";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Without_settings_the_host_runs_on_the_SQLite_file_in_its_data_directory()
    {
        var data = new DataDirectory(_temp.Path);

        var database = PlatformDatabase.FromConfiguration(Configuration(), data);

        Assert.Equal(PluginDatabaseProviders.Sqlite, database.Provider);
        Assert.False(database.IsPostgreSql);
        Assert.Contains(data.DatabasePath, database.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    public void PostgreSQL_with_a_connection_string_is_chosen_whatever_the_case_of_its_name(string provider)
    {
        var database = PlatformDatabase.FromConfiguration(
            Configuration(provider, $"Host=db.internal;Port=5432;Database=smarttrade;Username=smarttrade;Password={Secret}"),
            new DataDirectory(_temp.Path));

        Assert.Equal(PluginDatabaseProviders.PostgreSql, database.Provider);
        Assert.True(database.IsPostgreSql);
    }

    [Theory]
    [InlineData("Oracle", null, "SmartTrade:Database:Provider must be Sqlite or PostgreSQL, not 'Oracle'")]
    [InlineData("PostgreSQL", null, "ConnectionStrings:SmartTrade must be set")]
    [InlineData("PostgreSQL", "  ", "ConnectionStrings:SmartTrade must be set")]
    [InlineData("PostgreSQL", "Database=smarttrade;Password=" + Secret, "must name the PostgreSQL server (Host=...)")]
    [InlineData("PostgreSQL", "Host=db.internal;Password=" + Secret, "must name the database (Database=...)")]
    [InlineData("PostgreSQL", "Host=db.internal;Colour=blue;Password=" + Secret, "is not a valid PostgreSQL connection string")]
    public void A_wrong_database_setting_stops_the_host_with_a_message_that_names_it_and_never_the_password(string provider, string? connectionString, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlatformDatabase.FromConfiguration(Configuration(provider, connectionString), new DataDirectory(_temp.Path)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_PostgreSQL_every_DateTimeOffset_of_the_model_is_written_as_its_UTC_instant()
    {
        var database = PlatformDatabase.FromConfiguration(Configuration("PostgreSQL", "Host=127.0.0.1;Database=unused"), new DataDirectory(_temp.Path));
        var options = new DbContextOptionsBuilder<PostgreSqlPlatformDbContext>();
        database.Configure(options);
        using var db = new PostgreSqlPlatformDbContext(options.Options);
        var china = new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8));

        var properties = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)).ToList();

        Assert.NotEmpty(properties);
        Assert.All(properties, p =>
        {
            var stored = (DateTimeOffset)p.GetTypeMapping().Converter!.ConvertToProvider(china)!;
            Assert.Equal(TimeSpan.Zero, stored.Offset);
            Assert.Equal(china, stored); // the same instant
        });
    }

    private static IConfiguration Configuration(string? provider = null, string? connectionString = null)
        => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmartTrade:Database:Provider"] = provider,
            ["ConnectionStrings:SmartTrade"] = connectionString,
        }).Build();
}
