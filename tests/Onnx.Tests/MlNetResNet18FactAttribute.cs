using ModelZoo.Models.MlNetResNets;

namespace ModelZoo.Onnx.Tests;

/// <summary>A test that needs ResNet18.onnx (64 MB, from the NuGet cache); skipped with the reason when it is absent.</summary>
public sealed class MlNetResNet18FactAttribute : FactAttribute
{
    public MlNetResNet18FactAttribute()
    {
        if (MlNetResNet18File.Backbone is null || MlNetResNet18File.Preprocess is null)
            Skip = $"{MlNetResNet18.PackageId} {MlNetResNet18.PackageVersion} is not in the NuGet cache (restore tests/Onnx.Tests to get ResNet18.onnx).";
    }
}
