using CsCheck;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

/// <summary>
/// Runs a property over the same generated cases every time (fixed seeds), so a test run is repeatable.
/// When a case fails, CsCheck starts from its seed and shrinks it to a small failing case, which it reports
/// with a seed to replay. Set CsCheck_Seed to explore from another seed.
/// </summary>
internal static class PropertyCheck
{
    public static void ForAll<T>(Gen<T> gen, Action<T> property, int cases = 200)
    {
        string? exploring = Environment.GetEnvironmentVariable("CsCheck_Seed");
        if (!string.IsNullOrWhiteSpace(exploring))
        {
            gen.Sample(property, seed: exploring, iter: cases, threads: 1);
            return;
        }
        for (int i = 0; i < cases; i++)
        {
            var pcg = new PCG(stream: 7, seed: (ulong)i);
            string seed = pcg.ToString();
            T value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception)
            {
                gen.Sample(property, seed: seed, iter: 10_000, threads: 1);
                throw;
            }
        }
    }
}
