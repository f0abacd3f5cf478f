using ModelZoo.Data;
using ModelZoo.Data.Catalog;

namespace ModelZoo.Training.Jobs;

/// <summary>Builds the per-sample preprocessing that fits a dataset to a model, and the loaders for ranges of it.</summary>
public static class DataPipeline
{
    /// <summary>Evaluation preprocessing (no randomness); see <see cref="Preprocessing(ImageClassifier, DatasetSpec, int, string?)"/>.</summary>
    public static ITransform Preprocessing(ImageClassifier model, DatasetSpec spec) => Preprocessing(model, spec, 224, augment: null);

    /// <summary>
    /// Fits the dataset's images to the model, then ToTensor → Normalize. Fixed-size datasets (MNIST family, synthetic) are
    /// padded when the model needs a few more pixels (LeNet-5's 32×32 for 28×28 digits, VGG's 32) or resized when it needs
    /// many more (AlexNet's 63). Variable-size datasets (ImageFolder) are resized and centre-cropped to the model's input
    /// (<paramref name="preferredSize"/>, e.g. 224) for evaluation. With an <paramref name="augment"/> preset
    /// (<see cref="Presets.AugmentNames"/>) the training pipeline applies it at the model's input size instead.
    /// </summary>
    public static ITransform Preprocessing(ImageClassifier model, DatasetSpec spec, int preferredSize, string? augment)
    {
        if (model.InChannels != spec.Channels)
            throw new ArgumentException(
                $"Model expects {model.InChannels} input channel(s) but dataset '{spec.Name}' has {spec.Channels}; build the model with InChannels = {spec.Channels}.");
        var steps = new List<ITransform>();
        if (spec.FixedSize)
        {
            InputFit fit = InputFit.ForFixedSize(model, spec.Height, spec.Width);
            int targetH = fit.Height, targetW = fit.Width;
            if (fit.Kind == InputFitKind.Resize)
            {
                steps.Add(new Resize((targetH, targetW)));
            }
            else if (fit.Kind == InputFitKind.Pad)
            {
                int padH = targetH - spec.Height, padW = targetW - spec.Width;
                steps.Add(new Pad(new[] { padW / 2, padH / 2, padW - padW / 2, padH - padH / 2 }));
            }
            if (augment is not null && !string.Equals(augment, "none", StringComparison.OrdinalIgnoreCase))
            {
                if (targetH != targetW) throw new ArgumentException($"Augmentation presets need a square input; the model takes {targetH}x{targetW}.");
                steps.AddRange(Presets.Augment(augment, targetH).Transforms);
            }
        }
        else
        {
            int size = InputFit.SquareSide(model, preferredSize);
            if (augment is not null) steps.AddRange(Presets.Augment(augment, size).Transforms);
            else
            {
                steps.Add(new Resize(InputFit.ResizeBeforeCrop(size)));
                steps.Add(new CenterCrop(size));
            }
        }
        steps.Add(new ToTensor());
        steps.Add(new Normalize(spec.Mean, spec.Std));
        return new Compose(steps.ToArray());
    }

    /// <summary>The images of <paramref name="spec"/> as the model registry sees them: channels, and the size when fixed.</summary>
    public static InputImage InputOf(DatasetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.FixedSize ? new InputImage(spec.Channels, spec.Height, spec.Width) : new InputImage(spec.Channels);
    }

    /// <summary>Default ranges: first 80 % for training, last 20 % for evaluation.</summary>
    public static (IndexRange Train, IndexRange Eval) DefaultRanges(int count)
    {
        int cut = (int)(count * 0.8);
        return (new IndexRange(0, cut), new IndexRange(cut, count));
    }

    public static DataLoader Loader(IClassificationDataset dataset, IndexRange range, ITransform transform, DataLoaderOptions options)
    {
        if (range.End > dataset.Count)
            throw new ArgumentOutOfRangeException(nameof(range),
                $"Range {range} is past the end of the dataset split, which has {dataset.Count} items.");
        return new DataLoader(ClassificationSubset.Range(dataset, range.Start, range.End), transform, options);
    }
}
