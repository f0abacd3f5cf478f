using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Tests.Checkpoints;

public sealed class CheckpointPathsTests
{
    [Fact]
    public void A_new_run_never_replaces_an_earlier_checkpoint()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string first = CheckpointPaths.NextFree(dir.Path, "lenet5-mnist");
        Assert.Equal(dir.File("lenet5-mnist.ckpt"), first);
        File.WriteAllText(first, "run 1");
        string second = CheckpointPaths.NextFree(dir.Path, "lenet5-mnist");
        Assert.Equal(dir.File("lenet5-mnist-2.ckpt"), second);
        File.WriteAllText(second, "run 2");
        Assert.Equal(dir.File("lenet5-mnist-3.ckpt"), CheckpointPaths.NextFree(dir.Path, "lenet5-mnist"));
        Assert.Equal("run 1", File.ReadAllText(first));
    }
}
