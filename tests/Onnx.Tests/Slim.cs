using ModelZoo.Models;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>Shrinks the fully connected layers of AlexNet/VGG-style classifiers (which hold almost all of their
/// parameters) so their export runs in seconds; the module types and structure the emitters see are unchanged.</summary>
internal static class Slim
{
    public static T Classifier<T>(T model, string firstLinear, long inFeatures, int hidden = 32) where T : ImageClassifier
    {
        string prefix = firstLinear[..firstLinear.LastIndexOf('.')];
        int first = int.Parse(firstLinear[(firstLinear.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        ModuleSurgery.Replace(model, firstLinear, nn.Linear(inFeatures, hidden)).Dispose();
        ModuleSurgery.Replace(model, $"{prefix}.{first + 3}", nn.Linear(hidden, hidden)).Dispose();
        ModuleSurgery.Replace(model, $"{prefix}.6", nn.Linear(hidden, 5)).Dispose();
        return model;
    }
}
