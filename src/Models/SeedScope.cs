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

    private SeedScope(long? seed, bool preserve)
    {
        if (seed is null && !preserve) return;
        _saved = Generator.Default.get_state();
        if (seed is { } s) Generator.Default.manual_seed(s);
    }

    /// <summary>Seeds the generator with <paramref name="seed"/> until the scope is disposed (nothing when null).</summary>
    public static SeedScope Enter(long? seed) => new(seed, preserve: false);

    /// <summary>Saves the generator's state without seeding it and restores it when the scope is disposed, so whatever
    /// runs inside draws from the caller's stream but leaves it where it was.</summary>
    public static SeedScope Preserve() => new(null, preserve: true);

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
