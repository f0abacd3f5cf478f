using ModelZoo.Data.Datasets.Download;
using ModelZoo.Data.Datasets.Mnist;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Training.Tests.Core;

/// <summary>The train job's download path (what `modelzoo train --dataset mnist --data-dir EMPTY` does), against loopback.</summary>
public sealed class TrainJobDownloadTests
{
    [Fact]
    public async Task Offline_the_job_fails_naming_the_four_files_and_the_directory()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var ex = await Assert.ThrowsAsync<IOException>(() => TrainJob.RunAsync(new TrainJobOptions
        {
            Dataset = "mnist", DataDirectory = dir.Path, Epochs = 1, OutputDirectory = dir.File("out"),
            Mirrors = new[] { LoopbackHttpServer.UnreachableUrl("mnist/") },
        }));
        foreach (string f in MnistFiles.AllGzipFiles) Assert.Contains(f, ex.Message);
        Assert.Contains(dir.Path, ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Files_from_the_mirror_are_verified_and_a_bad_one_stops_the_job_before_training()
    {
        using var server = new LoopbackHttpServer();
        foreach (string f in MnistFiles.AllGzipFiles) server.Serve("m/" + f, "not the real file"u8.ToArray());
        using TempDir dir = RepoPaths.NewTempDir();
        var ex = await Assert.ThrowsAsync<IOException>(() => TrainJob.RunAsync(new TrainJobOptions
        {
            Dataset = "mnist", DataDirectory = dir.Path, Epochs = 1, OutputDirectory = dir.File("out"),
            Mirrors = new[] { server.Url("m/") },
        }));
        Assert.Contains("Hash mismatch", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.True(server.Requests.Count >= 1);
    }

    [Fact]
    public async Task Cifar_offline_the_job_fails_naming_the_archive_its_files_and_the_directory_before_training()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var ex = await Assert.ThrowsAsync<DatasetDownloadException>(() => TrainJob.RunAsync(new TrainJobOptions
        {
            Model = "resnet20-cifar", Dataset = "cifar10", DataDirectory = dir.Path, Epochs = 1, OutputDirectory = dir.File("out"),
            Mirrors = new[] { LoopbackHttpServer.UnreachableUrl("cifar/") },
        }));
        foreach (string part in new[] { "cifar-10-python.tar.gz", "data_batch_5", "test_batch.bin", "batches.meta.txt", dir.Path })
            Assert.Contains(part, ex.Message);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
