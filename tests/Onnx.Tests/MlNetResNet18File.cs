using System.Reflection;
using ModelZoo.Models.MlNetResNets;

namespace ModelZoo.Onnx.Tests;

/// <summary>Locates ResNet18.onnx of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package in the NuGet cache (the folder
/// MSBuild's GeneratePathProperty gave at build time, else the default cache), or null.</summary>
internal static class MlNetResNet18File
{
    public static string? PackageFolder
    {
        get
        {
            string? built = typeof(MlNetResNet18File).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "MlNetResNet18Package")?.Value;
            if (!string.IsNullOrEmpty(built) && Directory.Exists(built)) return built;
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string folder = Path.Combine(cache, MlNetResNet18.PackageId.ToLowerInvariant(), MlNetResNet18.PackageVersion);
            return Directory.Exists(folder) ? folder : null;
        }
    }

    public static string? Backbone => File(MlNetResNet18.FileName);

    public static string? Preprocess => File("tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx");

    private static string? File(string relative) =>
        PackageFolder is { } folder && System.IO.File.Exists(Path.Combine(folder, relative)) ? Path.Combine(folder, relative) : null;
}
