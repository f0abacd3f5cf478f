namespace ModelZoo.Models;

/// <summary>One registered architecture: its name (torchvision's where one exists), family,
/// default input shape [C, H, W] and builder.</summary>
public sealed record ModelEntry(
    string Name,
    string Family,
    string Description,
    int[] DefaultInputShape,
    Func<ModelOptions, ImageClassifier> Build);
