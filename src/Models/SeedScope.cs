namespace ModelZoo.Models;

/// <summary>
/// Seeds torch's global CPU generator for one model build and restores its previous state afterwards, so a builder
/// given a seed draws the same initial weights every time and leaves the caller's random stream exactly where it was
/// (the next <c>torch.rand</c> after a seeded build equals the one without it). A null seed does nothing: the build
/// then draws from the global generator like any torch code.
/// <code>public static LeNet5 LeNet5(LeNet5Options? options = null, long? seed = null) => SeedScope.Build(seed, () => new LeNet5(options));</code>
/// </summary>
internal sealed class SeedScope : IDisposable
{
    private Tensor? _saved;

    private SeedScope(long? seed)
    {
        if (seed is not { } s) return;
        _saved = Generator.Default.get_state();
        Generator.Default.manual_seed(s);
    }

    /// <summary>Seeds the generator with <paramref name="seed"/> until the scope is disposed (nothing when null).</summary>
    public static SeedScope Enter(long? seed) => new(seed);

    /// <summary>Runs <paramref name="build"/> inside a scope seeded with <paramref name="seed"/>: every builder's body.</summary>
    public static T Build<T>(long? seed, Func<T> build)
    {
        using (Enter(seed)) return build();
    }

    public void Dispose()
    {
        if (_saved is null) return;
        Generator.Default.set_state(_saved);
        _saved.Dispose();
        _saved = null;
    }
}
